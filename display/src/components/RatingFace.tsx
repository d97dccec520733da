import type { Score } from '../../../shared/ratings.ts';

/** Mouth curves from a wide smile (5) to a frown (1). */
const MOUTH: Record<Score, string> = {
  5: 'M30 62 Q50 82 70 62',
  4: 'M32 64 Q50 76 68 64',
  3: 'M33 66 L67 66',
  2: 'M32 70 Q50 60 68 70',
  1: 'M30 74 Q50 56 70 74',
};

export function RatingFace({ score }: { score: Score }) {
  return (
    <svg class="rating-face" viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="6" />
      <circle cx="36" cy="40" r="5.5" fill="currentColor" />
      <circle cx="64" cy="40" r="5.5" fill="currentColor" />
      <path d={MOUTH[score]} fill="none" stroke="currentColor" stroke-width="6" stroke-linecap="round" />
    </svg>
  );
}
