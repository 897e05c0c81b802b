import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/**
 * A small line chart drawn so that "up" is always the metric's better direction (for a
 * metric where lower is better the axis is flipped). Decorative for screen readers: the text
 * summary and the table say the same.
 */
export function MetricChart({
  times,
  values,
  better,
  label,
}: {
  times: readonly string[];
  values: readonly number[];
  better: 'HIGHER' | 'LOWER';
  label: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || times.length === 0) return;
    const width = Math.max(240, Math.min(element.clientWidth || 320, 640));
    const chart = new uPlot(
      {
        width,
        height: 140,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: true }, y: { dir: better === 'LOWER' ? -1 : 1 } },
        axes: [
          { stroke: '#3d3d3d', grid: { show: false }, font: '12px "Atkinson Hyperlegible", system-ui' },
          { stroke: '#3d3d3d', grid: { stroke: '#e5ddd0' }, size: 36, font: '12px "Atkinson Hyperlegible", system-ui' },
        ],
        series: [{}, { stroke: '#1f5f5b', width: 2.5, points: { show: true, size: 6, fill: '#1f5f5b' } }],
      },
      [times.map((time) => Date.parse(time) / 1000), [...values]],
      element,
    );
    return () => chart.destroy();
  }, [times, values, better]);
  return <div ref={host} className="chart" role="img" aria-label={label} />;
}
