import { field, Form } from '../form-input';
import { html, Html } from '../html';
import { csrfField, PageContext } from '../layout';

/** A passkey ceremony's form: where it posts, which ceremony, its options, and the ids it carries back. */
export interface PasskeyFormView {
  action: string;
  ceremony: 'register' | 'authenticate';
  /** PublicKeyCredentialCreationOptionsJSON or …RequestOptionsJSON, as the core answered them. */
  options: Record<string, unknown>;
  submitLabel: string;
  /** Hidden fields posted with the answer (an enrollment's or a challenge's id). */
  hidden?: Record<string, string>;
  /** Fields the person fills in before the ceremony, posted with its answer (ABUSE-16's emailed code). */
  fields?: Html | false;
}

/**
 * PASSKEY-2, PASSKEY-3 on the pages: a form the script turns into a WebAuthn ceremony (assets/script.ts). Its
 * options ride in an attribute (escaped like any other), its answer comes back as JSON in `credential`. Without
 * JavaScript there is no ceremony: the form says so, and the pages offer the other ways.
 */
export function passkeyForm(context: PageContext, view: PasskeyFormView): Html {
  const { t } = context;
  return html`<form
    method="post"
    action="${view.action}"
    data-passkey="${view.ceremony}"
    data-passkey-options="${JSON.stringify(view.options)}"
  >
    ${csrfField(context)}
    ${Object.entries(view.hidden ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <input type="hidden" name="credential" value="" />
    <p class="notice error" data-passkey-failed hidden tabindex="-1" role="alert">${t('page.passkey.failed')}</p>
    <p class="hint" data-passkey-unsupported>${t('page.passkey.needs_javascript')}</p>
    ${view.fields}
    <button type="submit">${view.submitLabel}</button>
  </form>`;
}

/**
 * The browser's answer to a ceremony, posted back by passkeyForm: a PublicKeyCredential as JSON, with the
 * shape the core reads (an id and a response object); null for anything else, as from a browser without script.
 */
export function passkeyAnswer(form: Form): { id: string; response: Record<string, unknown> } | null {
  const text = field(form, 'credential');
  if (!text || text.length > 16_000) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { id, rawId, type, response } = parsed as Record<string, unknown>;
    const wellFormed = typeof id === 'string' && typeof rawId === 'string' && type === 'public-key';
    return wellFormed && typeof response === 'object' && response !== null && !Array.isArray(response)
      ? (parsed as { id: string; response: Record<string, unknown> })
      : null;
  } catch {
    return null;
  }
}

/**
 * Why a passkey form came back without an answer passkeyAnswer reads: an empty one is a browser without scripts,
 * which ran no ceremony; anything else did not come from the page's script.
 */
export function unansweredPasskeyMessage(context: PageContext, form: Form): string {
  return field(form, 'credential') ? context.t('page.passkey.failed') : context.t('page.passkey.needs_javascript');
}
