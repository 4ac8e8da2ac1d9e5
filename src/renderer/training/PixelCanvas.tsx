/** Draws a small HWC 0..255 image (dataset sample, misclassified digit, GAN grid) on a canvas. */
import { useEffect, useRef } from 'react';

export interface PixelsLike {
  width: number;
  height: number;
  channels: 1 | 3;
  data: ArrayLike<number>;
}

export function PixelCanvas({ image, label, size }: { image: PixelsLike; label: string; size?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current?.getContext('2d');
    if (!c) return;
    const { width, height, channels, data } = image;
    const out = c.createImageData(width, height);
    for (let i = 0; i < width * height; i += 1) {
      const r = data[i * channels];
      out.data[i * 4] = r;
      out.data[i * 4 + 1] = channels === 3 ? data[i * 3 + 1] : r;
      out.data[i * 4 + 2] = channels === 3 ? data[i * 3 + 2] : r;
      out.data[i * 4 + 3] = 255;
    }
    c.putImageData(out, 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={image.width}
      height={image.height}
      role="img"
      aria-label={label}
      style={size ? { width: size, height: size } : undefined}
    />
  );
}
