/** Export formats the studio can ask for (writers live in src/main/engine/export). */
import { z } from 'zod';

export const EXPORT_FORMATS = ['tfjs', 'keras', 'onnx', 'pytorch', 'keras-py', 'history'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportResultSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** Every file written, absolute paths. */
  files: z.array(z.string()),
});
export type ExportResult = z.infer<typeof exportResultSchema>;
