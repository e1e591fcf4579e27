import { html, trustedHtml } from './html';

describe('html templates', () => {
  it('WEB-7 escapes every interpolated text, in content and in attributes', () => {
    const hostile = `<script>alert("x")</script> & 'quote'`;
    expect(html`<p title="${hostile}">${hostile}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quote&#39;</p>',
    );
  });

  it('WEB-7 nests templates and lists without escaping them twice; false, null and undefined render nothing', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    const shown = false as boolean;
    const rendered = html`<ul>${items}</ul>${shown && html`<p>hidden</p>`}${null}${undefined}${0}`;
    expect(rendered.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
    expect(html`${trustedHtml('<b>bold</b>')}`.value).toBe('<b>bold</b>');
  });
});
