/**
 * The model every classifier/regressor run starts from, on TF.js and PyTorch alike: the project's graph
 * compiled for its dataset with the seeded initial weights (or the request's), checked to fit the data, its
 * Normalization layers adapted to the training samples when it starts from scratch.
 */
import { DeepwireError } from '../../../shared/errors.js';
import type { ParsedRunRequest } from '../../../shared/training/protocol.js';
import { compileGraph, type CompiledModel } from '../compile/compile.js';
import type { LoadedDataset } from '../datasets/load.js';
import { applyWeightsBlob } from '../weights.js';
import { adaptNormalization } from './adapt.js';
import { checkLossFits } from './losses.js';

/** Compiles and checks (one input; DW408/DW507 for an output the loss or data do not fit); disposes the model when a check fails. */
export function compileForData(req: ParsedRunRequest, ds: LoadedDataset): { compiled: CompiledModel; classes: number } {
  const { project } = req;
  const compiled = compileGraph(project.graph, {
    projectKind: project.kind,
    sampleShape: ds.summary.sampleShape,
    seed: project.training.seed,
  });
  const { model, inputs, outputs } = compiled;
  try {
    if (inputs.length !== 1)
      throw new DeepwireError(
        'DW408',
        `the model has ${inputs.length} inputs; a dataset feeds exactly one`,
        inputs[1]?.name,
      );
    const classes = ds.raw.classes?.length ?? 0;
    checkLossFits({
      graph: project.graph,
      output: outputs[0],
      outputShape: compiled.report.nodes[outputs[0].id].shape ?? [],
      loss: project.training.loss,
      task: ds.raw.task,
      classes,
      targetSize: ds.ySize,
    });
    if (req.initialWeights) applyWeightsBlob([model], req.initialWeights, project.graph);
    else adaptNormalization(model, ds);
    return { compiled, classes };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
