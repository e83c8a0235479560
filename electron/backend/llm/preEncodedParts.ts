// The codebook is the same in every request of a job (tens of KB with a full
// codebook), yet the SDK would JSON-escape and UTF-8-encode it again for each request.
// This encodes each system prompt once: the SDK serialises a short token instead, and
// the client's fetch splices the prepared bytes in its place. The wire body is byte
// for byte what the SDK would have sent. A token it cannot resolve is an error, never
// sent.

const MARK = '\u0001concord-part-';
// how a token's JSON string starts once the SDK has serialised it (control characters escaped)
const MARK_JSON = JSON.stringify(MARK).slice(0, -1);
const END_JSON = '\\u0001"';

export class PreEncodedParts {
  private readonly tokens = new Map<string, string>();
  private readonly bytes = new Map<string, Buffer>();

  /** The stand-in to put in the request instead of `text`. */
  token(text: string): string {
    let t = this.tokens.get(text);
    if (t === undefined) {
      t = `${MARK}${this.tokens.size}\u0001`;
      this.tokens.set(text, t);
      this.bytes.set(JSON.stringify(t), Buffer.from(JSON.stringify(text), 'utf8'));
    }
    return t;
  }

  /**
   * The request body with every token's JSON replaced by the prepared JSON of its
   * text, as parts to send in order: the prepared ones are shared, not copied.
   */
  encodeParts(body: string): Buffer[] {
    let at = body.indexOf(MARK_JSON);
    if (at < 0) return [Buffer.from(body, 'utf8')];
    const chunks: Buffer[] = [];
    let from = 0;
    while (at >= 0) {
      const end = body.indexOf(END_JSON, at + MARK_JSON.length);
      const prepared = end < 0 ? undefined : this.bytes.get(body.slice(at, end + END_JSON.length));
      if (!prepared)
        throw new Error('internal error: a request holds a prompt part this client does not know');
      chunks.push(Buffer.from(body.slice(from, at), 'utf8'), prepared);
      from = end + END_JSON.length;
      at = body.indexOf(MARK_JSON, from);
    }
    chunks.push(Buffer.from(body.slice(from), 'utf8'));
    return chunks;
  }
}
