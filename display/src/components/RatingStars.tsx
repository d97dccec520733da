const STAR = 'M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z';

/** The score as stars, so a level reads at a glance whatever its label. */
export function RatingStars({ score }: { score: number }) {
  return (
    <span class="rating-stars" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((i) => (
        <svg key={i} viewBox="0 0 24 24" class={i <= score ? 'rating-stars__on' : 'rating-stars__off'}>
          <path d={STAR} />
        </svg>
      ))}
    </span>
  );
}
