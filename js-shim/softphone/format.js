// How times and durations read in the softphone.

const pad = (n) => String(n).padStart(2, '0');

// 75 000 ms → "1:15"; 3 723 000 ms → "1:02:03".
export function duration(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}

// Time left, rounded up so a countdown never shows 0:00 while time remains.
export function countdown(ms) {
  return duration(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

export function timeOfDay(ms) {
  if (!ms) return '';
  return new Date(ms).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}
