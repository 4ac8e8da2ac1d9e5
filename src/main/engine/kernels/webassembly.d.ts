/**
 * Node runs WebAssembly, but @types/node does not declare its classes (the
 * DOM lib does, and Node code must not see the DOM): the part the kernel
 * pack uses, as the WebAssembly JS API specifies it.
 */
type BufferSource = ArrayBufferView | ArrayBuffer;

declare namespace WebAssembly {
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: BufferSource);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: BufferSource): boolean;
}
