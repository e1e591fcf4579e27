import { parser } from '@prometheus-io/lezer-promql';

/**
 * SMS-12's check of the PromQL in deploy/observability: the Prometheus project's own grammar for the syntax,
 * then a walk of the tree that knows which labels each sub-expression carries, so a `by (…)`, an `on (…)` or
 * a matcher that names a label the metric does not have is reported, as is a one-to-one match whose sides
 * can never meet. What Prometheus would only show as an empty graph becomes a failing test.
 */
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** The labels a series of each metric (or recording rule) carries, by name. */
export type MetricCatalog = Map<string, ReadonlySet<string>>;

/** The label names of a sub-expression's series, or 'scalar' for a number. */
type Labels = ReadonlySet<string> | 'scalar';

/** Where the grammar could not parse `expr`: one entry per error node, with the text around it. */
export function syntaxErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
    },
  });
  return errors;
}

/** The metric names of every vector selector in `expr`. */
export function metricNames(expr: string): string[] {
  const names: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.name === 'VectorSelector') {
        const identifier = node.node.getChild('Identifier');
        if (identifier) names.push(expr.slice(identifier.from, identifier.to));
      }
    },
  });
  return names;
}

/** Unknown metrics and labels in `expr`, against `catalog`; and the labels its result carries. */
export function checkLabels(expr: string, catalog: MetricCatalog): { problems: string[]; labels: Labels } {
  const problems: string[] = [];
  const labels = new LabelWalker(expr, catalog, problems).labelsOf(parser.parse(expr).topNode);
  return { problems, labels };
}

/** Functions whose result is one series without labels, or a number. */
const LABELLESS = new Set(['vector', 'time', 'pi', 'absent', 'absent_over_time', 'scalar']);
/** Aggregations that keep their input's labels (they select series, they do not combine them). */
const SELECTING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);
/** Operators that match series one-to-one by their labels unless told otherwise. */
const MATCHING_OPERATORS = new Set(['Pow', 'Mul', 'Div', 'Mod', 'Atan2', 'Add', 'Sub', 'Eql', 'Gte', 'Gtr', 'Lte', 'Lss', 'Neq']);

class LabelWalker {
  constructor(
    private readonly expr: string,
    private readonly catalog: MetricCatalog,
    private readonly problems: string[],
  ) {}

  labelsOf(node: SyntaxNode): Labels {
    switch (node.name) {
      case 'VectorSelector':
        return this.selector(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'FunctionCall':
        return this.call(node);
      case 'BinaryExpr':
        return this.binary(node);
      case 'NumberDurationLiteral':
      case 'StringLiteral':
        return 'scalar';
      default: {
        // PromQL, ParenExpr, MatrixSelector, OffsetExpr, SubqueryExpr, UnaryExpr, …: their first expression.
        const inner = this.expressions(node)[0];
        return inner ? this.labelsOf(inner) : 'scalar';
      }
    }
  }

  private selector(node: SyntaxNode): Labels {
    const identifier = node.getChild('Identifier');
    const name = identifier ? this.text(identifier) : '';
    const known = this.catalog.get(name);
    if (!known) {
      this.problems.push(`unknown metric ${name || '(no name)'}`);
      return new Set();
    }
    for (const matcher of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
      this.require(known, this.text(matcher.getChild('LabelName')!), `${name}{…}`);
    }
    return known;
  }

  private aggregate(node: SyntaxNode): Labels {
    const operator = this.text(node.getChild('AggregateOp')!);
    const args = this.expressions(node.getChild('FunctionCallBody')!);
    const inner = this.labelsOf(args[args.length - 1]!);
    const innerLabels = inner === 'scalar' ? new Set<string>() : inner;
    const modifier = node.getChild('AggregateModifier');
    if (!modifier) return SELECTING.has(operator) ? innerLabels : new Set();
    const grouping = this.groupingLabels(modifier);
    if (modifier.getChild('Without')) return new Set([...innerLabels].filter((label) => !grouping.includes(label)));
    for (const label of grouping) this.require(innerLabels, label, `${operator} by`);
    return new Set(grouping);
  }

  private call(node: SyntaxNode): Labels {
    const name = this.text(node.getChild('FunctionIdentifier')!);
    const args = this.expressions(node.getChild('FunctionCallBody')!).map((arg) => this.labelsOf(arg));
    if (LABELLESS.has(name)) return name === 'scalar' || name === 'time' || name === 'pi' ? 'scalar' : new Set();
    const vector = args.find((arg): arg is ReadonlySet<string> => arg !== 'scalar') ?? 'scalar';
    if (name !== 'histogram_quantile' || vector === 'scalar') return vector;
    this.require(vector, 'le', 'histogram_quantile');
    return new Set([...vector].filter((label) => label !== 'le'));
  }

  private binary(node: SyntaxNode): Labels {
    const [leftNode, rightNode] = [node.firstChild!, node.lastChild!];
    const [left, right] = [this.labelsOf(leftNode), this.labelsOf(rightNode)];
    if (left === 'scalar' || right === 'scalar') return left === 'scalar' ? right : left;
    const operator = leftNode.nextSibling!.name;
    const matching = node.getChild('MatchingModifierClause');
    if (matching) {
      const [on, ...included] = matching.getChildren('GroupingLabels').map((labels) => this.groupingLabels(labels));
      if (matching.getChild('On')) for (const label of on!) for (const side of [left, right]) this.require(side, label, 'on');
      if (matching.getChild('GroupRight')) return new Set([...right, ...(included[0] ?? [])]);
      if (matching.getChild('GroupLeft')) return new Set([...left, ...(included[0] ?? [])]);
    } else if (MATCHING_OPERATORS.has(operator) && !sameLabels(left, right)) {
      this.problems.push(`${operator} matches {${[...left].join(',')}} with {${[...right].join(',')}}: no series can match`);
    }
    return operator === 'Or' ? new Set([...left, ...right]) : left;
  }

  private groupingLabels(node: SyntaxNode): string[] {
    const grouping = node.name === 'GroupingLabels' ? node : node.getChild('GroupingLabels');
    return (grouping?.getChildren('LabelName') ?? []).map((label) => this.text(label));
  }

  /** The children of `node` that are expressions (the grammar's Expr group), in order. */
  private expressions(node: SyntaxNode): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) if (child.type.is('Expr')) found.push(child);
    return found;
  }

  private require(labels: ReadonlySet<string>, label: string, where: string): void {
    if (!labels.has(label)) this.problems.push(`${where}: no label "${label}" (has ${[...labels].sort().join(', ')})`);
  }

  private text(node: SyntaxNode): string {
    return this.expr.slice(node.from, node.to);
  }
}

function sameLabels(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((label) => b.has(label));
}

/**
 * A Prometheus text exposition read back: each metric family's type, and the label names seen on its samples.
 * The labels every sample carries are the registry's default labels (`process`).
 */
export function readExposition(text: string): { types: Map<string, string>; defaultLabels: string[] } {
  const types = new Map<string, string>();
  let common: string[] | undefined;
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (!line || line.startsWith('#')) continue;
    const names = [...(/^[\w:]+\{([^}]*)\}/.exec(line)?.[1] ?? '').matchAll(/(\w+)="/g)].map((match) => match[1]!);
    common = common ? common.filter((name) => names.includes(name)) : names;
  }
  return { types, defaultLabels: common ?? [] };
}

/** The series names a metric family exposes: a histogram's `_bucket` (with `le`), `_count` and `_sum`. */
export function seriesOf(name: string, type: string, labels: ReadonlySet<string>): Array<[string, ReadonlySet<string>]> {
  if (type !== 'histogram') return [[name, labels]];
  return [
    [`${name}_bucket`, new Set([...labels, 'le'])],
    [`${name}_count`, labels],
    [`${name}_sum`, labels],
  ];
}
