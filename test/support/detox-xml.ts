/*
 * A strict little XML well-formedness check for the detox chart (no XML parser
 * is installed): balanced tags, quoted attributes without duplicates, valid
 * entity references, exactly one root element. Used by the unit spec of
 * detox-chart-svg.ts and by the chart e2e test.
 */

/** A strict little well-formedness check: balanced tags, quoted attributes, valid entities, one root. */
export function assertWellFormedXml(xml: string): void {
  const token = /<!--[\s\S]*?-->|<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const badAmp = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let roots = 0;
  let index = 0;
  while (index < xml.length) {
    token.lastIndex = index;
    const m = token.exec(xml);
    if (!m) throw new Error(`not well-formed at ${index}: ${xml.slice(index, index + 60)}`);
    index = token.lastIndex;
    const [whole, closing, name, attrs, selfClosing, text] = m;
    if (whole.startsWith('<!--')) continue;
    if (text !== undefined) {
      if (badAmp.test(text)) throw new Error(`bare & in text: ${text}`);
      if (stack.length === 0 && text.trim() !== '') throw new Error(`text outside the root: ${text}`);
      continue;
    }
    if (attrs && badAmp.test(attrs)) throw new Error(`bare & in attributes of <${name}>`);
    const names = [...(attrs ?? '').matchAll(/([\w:.-]+)=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) throw new Error(`duplicate attribute in <${name}>`);
    if (closing) {
      if (stack.pop() !== name) throw new Error(`mismatched </${name}>`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots += 1;
      stack.push(name as string);
    } else if (stack.length === 0) roots += 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}
