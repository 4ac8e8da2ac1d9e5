/**
 * What the code generators share about a model: its nodes in topological
 * order with their inputs, shapes and gate activations, Python variable
 * names, and the GAN facts (output range, logit head) the engine trains with.
 */
import type { GraphNode } from '../../../../shared/graph/types.js';
import type { ActivationName, Shape } from '../../../../shared/layers/types.js';
import { outputActivation } from '../../../../shared/graph/output-activation.js';
import { rangeOf } from '../../gan/models.js';
import type { ExportModel } from '../models.js';
import type { GateActivation } from '../snapshot.js';
import { pyIdent } from '../escape.js';
import { TORCH_HELPERS_PY } from './torch-helpers-py.js';

export interface CodeNode {
  node: GraphNode;
  /** Python variable holding the node's output. */
  v: string;
  /** Python variables of the inputs, in port order. */
  inputs: string[];
  /** Keras (NHWC) shapes of the inputs and the output, batch first. */
  inputShapes: Shape[];
  shape: Shape;
  gate?: GateActivation;
  /** TF.js/Keras names of the layer's weights, in `get_weights()` order. */
  weightNames: string[];
}

export interface CodeModel {
  name: ExportModel['name'];
  nodes: CodeNode[];
  inputs: CodeNode[];
  outputs: CodeNode[];
}

/**
 * Names a layer variable must not take: what model.py and train_keras.py
 * define at module level (a local of that name would hide it in forward() or
 * build_model()), `self` and `logits`, and torch.nn.Module's attributes
 * (each layer is also `self.<variable>` of an nn.Module). hostile-names.test.ts
 * checks the lists against the generated files and the installed torch.
 */
export const GENERATED_NAMES: ReadonlySet<string> = new Set(
  [
    // model.py and train_keras.py at module level
    'BATCH_SIZE CLASSIFICATION CLIP_VALUE DATASET DEEPWIRE_VERSION D_OPTIMIZER D_STEPS Discriminator EARLY_STOPPING EPOCHS F',
    'GAN_LOSS GRADIENT_PENALTY G_OPTIMIZER Generator HERE KIND',
    'LABEL_SMOOTHING LATENT_DISTRIBUTION LATENT_SIZE LOSS LOSSES METRICS MODELS Model OPTIMIZER OUTPUT_UNITS PROJECT REAL_RANGE',
    'SCHEDULE SEED VALIDATION_SPLIT activate add_arguments argparse avg_pool_same bce build_discriminator build_generator build_model crop',
    'd_loss_of g_loss_of json keras latent layers load_dataset load_weights main',
    'make_optimizer math nn np os scheduled_rate targets tf torch',
    // every function and class of the torch helpers (KerasBatchNorm, RandomFlip, nchw, …), read from their source
    ...Array.from(TORCH_HELPERS_PY.matchAll(/^(?:def|class) (\w+)/gm), (m) => m[1]),
    // the arguments of forward() and the builders, and the modules' own attributes
    'self logits load_deepwire_weights deepwire_weights',
    // torch.nn.Module (1.x and 2.x)
    'T_destination add_module apply bfloat16 buffers call_super_init children compile cpu cuda double dump_patches eval',
    'extra_repr float forward get_buffer get_extra_state get_parameter get_submodule half ipu load_state_dict modules mtia',
    'named_buffers named_children named_modules named_parameters parameters register_backward_hook register_buffer',
    'register_forward_hook register_forward_pre_hook register_full_backward_hook register_full_backward_pre_hook',
    'register_load_state_dict_post_hook register_load_state_dict_pre_hook register_module register_parameter',
    'register_state_dict_post_hook register_state_dict_pre_hook requires_grad_ set_extra_state set_submodule share_memory',
    'smart_apply state_dict to to_empty train training type xpu zero_grad',
  ]
    .join(' ')
    .split(' '),
);

export function codeModel(m: ExportModel): CodeModel {
  const snap = m.snap;
  const members = new Map(snap.graph.nodes.map((n) => [n.id, n]));
  const vars = new Map<string, string>();
  // Layer names become unique identifiers: a-b and a_b stay two layers, forward and torch hide nothing.
  const taken = new Set<string>();
  const nodes: CodeNode[] = [];
  for (const id of snap.report.order) {
    const node = members.get(id);
    if (!node) continue;
    const edges = snap.graph.edges.filter((e) => e.target === id).sort((a, b) => a.targetPort - b.targetPort);
    const v = pyIdent(node.name, taken, GENERATED_NAMES);
    taken.add(v);
    vars.set(id, v);
    nodes.push({
      node,
      v,
      inputs: edges.map((e) => vars.get(e.source)!),
      inputShapes: edges.map((e) => snap.report.nodes[e.source].shape!),
      shape: snap.report.nodes[id].shape!,
      gate: snap.gates.get(node.name),
      weightNames: (snap.weights.get(node.name) ?? []).map((w) => w.name),
    });
  }
  const byId = new Map(nodes.map((n) => [n.node.id, n]));
  return {
    name: m.name,
    nodes,
    inputs: snap.inputs.map((n) => byId.get(n.id)!),
    outputs: snap.outputs.map((n) => byId.get(n.id)!),
  };
}

export interface GanFacts {
  /** The range real images are scaled into: the generator's output range. */
  range: readonly [number, number];
  /** The discriminator's designed last activation: a sigmoid is trained as a logit head (as the engine does). */
  headActivation?: ActivationName;
  latentSize: number;
  latentDistribution: 'normal' | 'uniform';
}

export function ganFacts(generator: ExportModel, discriminator: ExportModel): GanFacts {
  const gOut = generator.snap.outputs[0];
  const dOut = discriminator.snap.outputs[0];
  const noise = generator.snap.inputs.find((n) => n.kind === 'Noise');
  return {
    range: rangeOf(outputActivation(generator.snap.graph, gOut, 'range')),
    headActivation: (dOut.params as { activation?: ActivationName }).activation,
    latentSize: noise?.kind === 'Noise' ? noise.params.size : 100,
    latentDistribution: noise?.kind === 'Noise' ? noise.params.distribution : 'normal',
  };
}

/** Class name of a model in generated code. */
const CLASS_NAMES: Record<CodeModel['name'], string> = {
  model: 'Model',
  generator: 'Generator',
  discriminator: 'Discriminator',
  generator_ab: 'GeneratorAB',
  generator_ba: 'GeneratorBA',
  discriminator_a: 'DiscriminatorA',
  discriminator_b: 'DiscriminatorB',
};
export const className = (name: CodeModel['name']): string => CLASS_NAMES[name];
