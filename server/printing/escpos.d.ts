/** Just the part of escpos 3.0.0-alpha.6 (untyped CommonJS) that escpos-printer.ts uses. */
declare module 'escpos' {
  /** Where `flush()` sends the built bytes. */
  interface EscposAdapter {
    write(data: Buffer, callback?: (error?: Error | null) => void): unknown;
  }

  class Printer {
    /** `encoding` is used by `text()` through iconv-lite (default GB18030); `width` is columns, for `drawLine()`. */
    constructor(adapter: EscposAdapter, options?: { encoding?: string; width?: number });
    /** `init` is ESC @. */
    hardware(hw: 'init' | 'select' | 'reset'): this;
    align(align: 'lt' | 'ct' | 'rt'): this;
    /** GS ! — each of width and height is 0 for 1×, 1 for 2× … 7 for 8×. */
    size(width: number, height: number): this;
    /** Encodes `content` + LF with the printer's encoding. */
    text(content: string, encoding?: string): this;
    /** `width` dashes and LF. */
    drawLine(): this;
    raw(data: Buffer | string): this;
    /** `feed` LFs (default 3), then GS V 0 (full) or GS V 1 (`part`). */
    cut(part?: boolean, feed?: number): this;
    /** Hands the buffered bytes to `adapter.write` and empties the buffer. */
    flush(callback?: (error?: Error | null) => void): this;
  }

  export = Printer;
}
