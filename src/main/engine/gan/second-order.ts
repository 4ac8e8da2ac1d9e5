/**
 * Gradients of gradients in TF.js. The gradient of LeakyReLU, ReLU6, Elu,
 * Maximum, Minimum, clipByValue… is built with comparison ops (Greater,
 * LessEqual, …), and TF.js registers no gradient for those, so a second
 * backward pass through them (the WGAN gradient penalty) fails with
 * "gradient function not found for Greater". A comparison is piecewise
 * constant: its derivative is zero wherever it exists. Registering exactly
 * that makes double backprop work; it changes nothing else, since any graph
 * that reached these ops before threw.
 */
import * as tf from '@tensorflow/tfjs';

const COMPARISONS = ['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual'];

let done = false;

/** Registers zero gradients for the comparison ops that have none (once per process). */
export function enableSecondOrderGradients(): void {
  if (done) return;
  for (const kernelName of COMPARISONS) {
    if (tf.getGradient(kernelName)) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => ({ a: () => tf.zerosLike(saved[0]), b: () => tf.zerosLike(saved[1]) }),
    });
  }
  done = true;
}
