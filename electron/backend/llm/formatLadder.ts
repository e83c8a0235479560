import type { StructuredOutput } from '../../../shared/contract/llm';
import type { ResponseFormatKind } from './answerSchema';

const LADDER: ResponseFormatKind[] = ['json_schema', 'json_object', 'text'];

/**
 * The answer format a job currently asks for. With 'auto' it starts at strict JSON
 * schema and steps down (JSON mode, then plain text) the first time a server says it
 * does not support one; the step is shared by every worker of the job. A format the
 * user chose explicitly is never changed.
 */
export class FormatLadder {
  private level: number;

  constructor(private readonly preference: StructuredOutput) {
    this.level = preference === 'auto' ? 0 : LADDER.indexOf(preference);
  }

  get current(): ResponseFormatKind {
    return LADDER[this.level]!;
  }

  /** After `failed` was refused: true when another format is (now) available to try. */
  downgrade(failed: ResponseFormatKind): boolean {
    if (this.preference !== 'auto') return false;
    const at = LADDER.indexOf(failed);
    if (this.level > at) return true;
    if (at >= LADDER.length - 1) return false;
    this.level = at + 1;
    return true;
  }
}
