import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Announcement, Announcer, callSentence, type SpeechPort } from '../display/src/announcer.ts';

/** A speech engine that records what it was asked to say and ends each reading when told to. */
class FakeSpeech implements SpeechPort {
  readonly log: string[] = [];
  current: SpeechSynthesisUtterance | undefined;
  speak(u: SpeechSynthesisUtterance): void {
    if (this.current) this.log.push('OVERLAP');
    this.log.push(`say ${u.text} (${u.lang})`);
    this.current = u;
  }
  end(): void {
    const u = this.current;
    this.current = undefined;
    u?.onend?.({} as SpeechSynthesisEvent);
  }
  cancel(): void {
    this.log.push('cancel');
  }
  getVoices(): SpeechSynthesisVoice[] {
    return [{ lang: 'en-US', name: 'en' } as SpeechSynthesisVoice, { lang: 'zh-CN', name: 'Mandarin' } as SpeechSynthesisVoice];
  }
}

const utterance = (text: string) => ({ text, lang: '', rate: 1, voice: null, onend: null, onerror: null }) as unknown as SpeechSynthesisUtterance;
const call = (number: string, windowNumber: number, callCount = 1): Announcement => ({ id: `${number}#${callCount}`, visitId: number, number, windowNumber });
const settle = () => new Promise<void>((r) => setTimeout(r, 0));

function makeAnnouncer(speech: FakeSpeech, extra: { safetyMs?: number } = {}) {
  return new Announcer({
    speech,
    makeUtterance: utterance,
    chime: async () => {
      speech.log.push('chime');
    },
    wait: () => Promise.resolve(),
    ...extra,
  });
}

/** Let the announcer run, ending each reading as soon as it starts, until it falls silent. */
async function speakAll(speech: FakeSpeech): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await settle();
    if (speech.current) speech.end();
  }
}

describe('Announcer', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads ticket numbers digit by digit and window numbers as numbers', () => {
    expect(callSentence({ number: 'A001', windowNumber: 5 })).toBe('请 A 0 0 1 号到 5 号窗口办理');
    expect(callSentence({ number: 'AB1024', windowNumber: 12 })).toBe('请 A B 1 0 2 4 号到 12 号窗口办理');
  });

  it('chimes, then says each call twice in zh-CN, one call after the other without overlap', async () => {
    const speech = new FakeSpeech();
    const announcer = makeAnnouncer(speech);
    announcer.announce(call('A001', 5));
    announcer.announce(call('B002', 1));
    await speakAll(speech);
    expect(speech.log).toEqual([
      'chime',
      'say 请 A 0 0 1 号到 5 号窗口办理 (zh-CN)',
      'say 请 A 0 0 1 号到 5 号窗口办理 (zh-CN)',
      'chime',
      'say 请 B 0 0 2 号到 1 号窗口办理 (zh-CN)',
      'say 请 B 0 0 2 号到 1 号窗口办理 (zh-CN)',
    ]);
  });

  it('picks a Chinese voice when the engine has one', async () => {
    const speech = new FakeSpeech();
    makeAnnouncer(speech).announce(call('A001', 5));
    await settle();
    await settle();
    expect(speech.current?.voice?.name).toBe('Mandarin');
  });

  it('announces each call once, and a recall replaces the same visit’s call still waiting its turn', async () => {
    const speech = new FakeSpeech();
    const announcer = makeAnnouncer(speech);
    announcer.announce(call('A001', 5));
    announcer.announce(call('A001', 5));
    announcer.announce(call('C003', 2));
    announcer.announce(call('C003', 2, 2));
    expect(announcer.pending).toBe(1);
    await speakAll(speech);
    expect(speech.log.filter((l) => l.startsWith('say'))).toEqual([
      'say 请 A 0 0 1 号到 5 号窗口办理 (zh-CN)',
      'say 请 A 0 0 1 号到 5 号窗口办理 (zh-CN)',
      'say 请 C 0 0 3 号到 2 号窗口办理 (zh-CN)',
      'say 请 C 0 0 3 号到 2 号窗口办理 (zh-CN)',
    ]);
    // A recall after the call was read is read again.
    announcer.announce(call('A001', 5, 2));
    await speakAll(speech);
    expect(speech.log.filter((l) => l.startsWith('say'))).toHaveLength(6);
  });

  it('carries on when the engine never reports the end of a reading', async () => {
    vi.useFakeTimers();
    const speech = new FakeSpeech();
    const announcer = makeAnnouncer(speech, { safetyMs: 5000 });
    announcer.announce(call('A001', 5));
    announcer.announce(call('A002', 6));
    await vi.advanceTimersByTimeAsync(4999);
    expect(speech.log.filter((l) => l.startsWith('say'))).toHaveLength(1);
    speech.current = undefined; // the engine went quiet without saying so
    await vi.advanceTimersByTimeAsync(3 * 5000);
    expect(speech.log.filter((l) => l.startsWith('say')).length).toBeGreaterThanOrEqual(3);
    expect(speech.log).toContain('say 请 A 0 0 2 号到 6 号窗口办理 (zh-CN)');
  });

  it('still shows calls without speech: announcing with no engine does nothing and never throws', async () => {
    const announcer = new Announcer({ wait: () => Promise.resolve() });
    announcer.announce(call('A001', 5));
    await settle();
    expect(announcer.pending).toBe(0);
  });

  it('stops speaking when the screen goes away', async () => {
    const speech = new FakeSpeech();
    const announcer = makeAnnouncer(speech);
    announcer.announce(call('A001', 5));
    announcer.announce(call('A002', 6));
    announcer.dispose();
    await speakAll(speech);
    expect(speech.log).toContain('cancel');
    expect(speech.log.filter((l) => l.includes('A 0 0 2'))).toEqual([]);
  });
});
