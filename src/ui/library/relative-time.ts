/** "just now", "3 min ago", "at 14:05" — for when a count was evaluated. */
export function relativeTime(time: number, now = Date.now()): string {
  const seconds = Math.round((now - time) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  const date = new Date(time);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return sameDay ? `at ${date.toTimeString().slice(0, 5)}` : `on ${date.toISOString().slice(0, 10)}`;
}
