import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** An element's local name: OOXML parts use prefixes freely, and Strict OOXML other namespaces than transitional. */
export const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

/** An attribute by local name (`r:id`, `id`…), whatever its prefix. */
export function attr(tag: { attributes: object }, name: string): string | undefined {
  // Parsers here run without xmlns, so attribute values are plain strings.
  const a = tag.attributes as Record<string, string>;
  if (name in a) return a[name];
  for (const k in a) if (localName(k) === name) return a[k];
  return undefined;
}

export interface XmlHandlers {
  open?(tag: SaxesTagPlain, name: string): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Streams one XML part through saxes (no DTDs, no entity definitions, no external references: saxes does not
 * expand them). Handlers may throw to stop; `stop()` ends the read early once the caller has what it needs.
 */
export async function parseXmlStream(stream: Readable, h: XmlHandlers, control?: { stopped: boolean }): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let failure: unknown = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  if (h.open) {
    const open = h.open;
    parser.on('opentag', (t) => open(t as SaxesTagPlain, localName(t.name)));
  }
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (t) => close(localName(t.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(decoder.write(chunk as Buffer));
      if (failure) throw failure;
      if (control?.stopped) return;
    }
    parser.write(decoder.end());
    parser.close();
    if (failure) throw failure;
  } finally {
    stream.destroy();
  }
}
