/**
 * The two-tone chime before each call (WebAudio, no sound file to ship). Chromium only
 * plays audio without a user gesture when started with
 * `--autoplay-policy=no-user-gesture-required`, which is how the hall's display PCs run
 * it in kiosk mode (and how the browser tests launch it); without that flag the chime
 * stays silent and the call is still shown on screen.
 */
let context: AudioContext | undefined;

const TONES = [
  { hz: 784, at: 0, length: 0.55 }, // G5
  { hz: 659, at: 0.5, length: 0.9 }, // E5
];
const CHIME_MS = 1500;

export async function playChime(): Promise<void> {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const ctx = context;
  // A blocked context never resumes; do not let it hold up the voice.
  if (ctx.state === 'suspended') await Promise.race([ctx.resume(), new Promise((r) => setTimeout(r, 300))]);
  if (ctx.state !== 'running') return;
  const start = ctx.currentTime + 0.05;
  for (const tone of TONES) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = tone.hz;
    const t0 = start + tone.at;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.35, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + tone.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t0 + tone.length + 0.05);
  }
  await new Promise((r) => setTimeout(r, CHIME_MS));
}
