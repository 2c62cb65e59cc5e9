/** The frame every market chart is drawn in (shared by the geometry on the server and the SVG). */
export const CHART = { width: 640, height: 260, margin: { top: 12, right: 16, bottom: 36, left: 64 } } as const;

export interface Tick {
  position: number;
  label: string;
}
