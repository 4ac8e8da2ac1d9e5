/** Sample grids and PNG files for GAN samples and image export. */
export { tileGrid, type Grid, type GridOptions, type ImageBatch } from './grid.js';
export { decodePng, encodePng, writePng } from './png.js';
