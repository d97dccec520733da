import { spokenNumber } from '../../shared/ui/format.ts';

/** What the announcer needs of a call; a `CallView` fits. */
export interface Announcement {
  /** Unique per announcement: a recall has a new id. */
  id: string;
  visitId: string;
  number: string;
  windowNumber: number;
}

/** The parts of the Web Speech API the announcer uses, so tests can hand in a fake. */
export interface SpeechPort {
  speak(utterance: SpeechSynthesisUtterance): void;
  cancel(): void;
  getVoices(): SpeechSynthesisVoice[];
}

export interface AnnouncerDeps {
  speech?: SpeechPort;
  makeUtterance?: (text: string) => SpeechSynthesisUtterance;
  chime?: () => Promise<void>;
  /** How many times each call is spoken (SPEC §7: twice). */
  repeat?: number;
  /** Pause between the two readings. */
  gapMs?: number;
  /** Give up waiting for `onend` after this long: some engines never fire it. */
  safetyMs?: number;
  wait?: (ms: number) => Promise<void>;
}

/** "请 A 0 0 1 号到 5 号窗口办理": the ticket number digit by digit, the window number as a number. */
export function callSentence(call: Pick<Announcement, 'number' | 'windowNumber'>): string {
  return `请 ${spokenNumber(call.number)} 号到 ${call.windowNumber} 号窗口办理`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Announces calls one after another: chime, then the sentence twice, waiting for each
 * reading to end before the next starts, so announcements never talk over each other.
 * A recall of a visit whose call is still waiting its turn replaces it in the queue.
 */
export class Announcer {
  private readonly queue: Announcement[] = [];
  private readonly seen = new Set<string>();
  private running = false;
  private disposed = false;
  /** Held while speaking: Chromium may garbage-collect an utterance nobody references and never fire its `onend`. */
  private speaking: SpeechSynthesisUtterance | undefined;
  private readonly repeat: number;
  private readonly gapMs: number;
  private readonly safetyMs: number;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly deps: AnnouncerDeps) {
    this.repeat = deps.repeat ?? 2;
    this.gapMs = deps.gapMs ?? 700;
    this.safetyMs = deps.safetyMs ?? 12_000;
    this.wait = deps.wait ?? sleep;
  }

  announce(call: Announcement): void {
    if (this.disposed || this.seen.has(call.id)) return;
    this.seen.add(call.id);
    if (this.seen.size > 500) this.seen.delete(this.seen.values().next().value!);
    const queued = this.queue.findIndex((q) => q.visitId === call.visitId);
    if (queued >= 0) this.queue[queued] = call;
    else this.queue.push(call);
    if (!this.running) void this.drain();
  }

  /** Announcements not yet started. */
  get pending(): number {
    return this.queue.length;
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    try {
      this.deps.speech?.cancel();
    } catch {
      // Nothing was speaking.
    }
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.queue.shift(); next && !this.disposed; next = this.queue.shift()) {
        await this.play(next);
      }
    } finally {
      this.running = false;
    }
  }

  private async play(call: Announcement): Promise<void> {
    try {
      await this.deps.chime?.();
    } catch {
      // A silent chime must not stop the voice.
    }
    const text = callSentence(call);
    for (let i = 0; i < this.repeat && !this.disposed; i++) {
      if (i > 0) await this.wait(this.gapMs);
      await this.speakOnce(text);
    }
    await this.wait(this.gapMs);
  }

  private speakOnce(text: string): Promise<void> {
    const { speech, makeUtterance } = this.deps;
    if (!speech || !makeUtterance) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        this.speaking = undefined;
        clearTimeout(safety);
        resolve();
      };
      const safety = setTimeout(finish, this.safetyMs);
      try {
        const u = makeUtterance(text);
        u.lang = 'zh-CN';
        u.rate = 0.9;
        const voice = chineseVoice(speech.getVoices());
        if (voice) u.voice = voice;
        u.onend = finish;
        u.onerror = finish;
        this.speaking = u;
        speech.speak(u);
      } catch {
        finish();
      }
    });
  }
}

function chineseVoice(voices: SpeechSynthesisVoice[]): SpeechSynthesisVoice | undefined {
  const zh = voices.filter((v) => v.lang.replace('_', '-').toLowerCase().startsWith('zh'));
  return zh.find((v) => v.lang.replace('_', '-').toLowerCase() === 'zh-cn') ?? zh[0];
}
