/** Types of generate-schema.mjs (used by the test that keeps the embedded schema in sync). */
export function descriptorOf(protoText: string): unknown;
export function renderSchemaModule(protoText: string): string;
