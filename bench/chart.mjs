// A small SVG bar chart of the three targets' throughput, with p99 latency and peak RSS as labels.

const WIDTH = 640;
const BAR_HEIGHT = 46;
const LEFT = 190;
const TOP = 56;

function escape(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** @param {{ label: string, requestsPerSecond: number, latencyP99Ms: number, peakRssMiB: number }[]} rows */
export function barChart(title, rows, footnote) {
  const max = Math.max(...rows.map((row) => row.requestsPerSecond));
  const scale = (WIDTH - LEFT - 150) / max;
  const height = TOP + rows.length * (BAR_HEIGHT + 14) + 40;
  const colors = ['#2563eb', '#64748b', '#94a3b8', '#60a5fa'];
  const bars = rows.map((row, i) => {
    const y = TOP + i * (BAR_HEIGHT + 14);
    const width = Math.max(1, row.requestsPerSecond * scale);
    return [
      `<text x="${LEFT - 10}" y="${y + BAR_HEIGHT / 2 + 5}" text-anchor="end" font-size="14">${escape(row.label)}</text>`,
      `<rect x="${LEFT}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${colors[i % colors.length]}" rx="3"/>`,
      `<text x="${LEFT + width + 8}" y="${y + 19}" font-size="14" font-weight="bold">${Math.round(row.requestsPerSecond).toLocaleString('en')} req/s</text>`,
      `<text x="${LEFT + width + 8}" y="${y + 37}" font-size="12" fill="#475569">p99 ${row.latencyP99Ms} ms · ${row.peakRssMiB.toFixed(0)} MiB</text>`,
    ].join('\n  ');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif">
  <rect width="100%" height="100%" fill="#ffffff"/>
  <text x="20" y="32" font-size="17" font-weight="bold">${escape(title)}</text>
  ${bars.join('\n  ')}
  <text x="20" y="${height - 14}" font-size="11" fill="#475569">${escape(footnote)}</text>
</svg>
`;
}
