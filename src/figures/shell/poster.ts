/**
 * The width a figure's server-rendered poster is laid out for, before the figure measures
 * itself: a 360 px phone's, inside the figure's padding. A poster laid out wider overflowed
 * a phone's screen until the figure hydrated, and a phone browser then zooms the whole page
 * out to fit it (which also woke the figures a screen below, as if the reader had scrolled).
 * On a laptop the figure widens as it wakes, 600 px before it is in view.
 */
export const POSTER_WIDTH = 300;
