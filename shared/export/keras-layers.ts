// Keras layer JSON, as TensorFlow.js LayersModel topologies spell it (snake_case configs,
// functional inbound nodes). Only the layers an AutoGrow network needs.

/** [layer name, node index, tensor index, call kwargs]: one input of a functional node. */
export type InboundRef = [string, number, number, Record<string, never>];

export interface KerasLayer {
  class_name: string;
  name: string;
  config: Record<string, unknown> & { name: string };
  inbound_nodes: InboundRef[][];
}

const ref = (input: string): InboundRef => [input, 0, 0, {}];

function layer(className: string, name: string, inputs: string[], config: Record<string, unknown>): KerasLayer {
  return {
    class_name: className,
    name,
    config: { name, trainable: true, dtype: 'float32', ...config },
    inbound_nodes: inputs.length === 0 ? [] : [inputs.map(ref)],
  };
}

export function inputLayer(name: string, shape: [number, number, number]): KerasLayer {
  return {
    class_name: 'InputLayer',
    name,
    config: { name, batch_input_shape: [null, ...shape], dtype: 'float32', sparse: false },
    inbound_nodes: [],
  };
}

export function conv2d(name: string, input: string, filters: number, kernel: number, stride: number): KerasLayer {
  return layer('Conv2D', name, [input], {
    filters,
    kernel_size: [kernel, kernel],
    strides: [stride, stride],
    padding: 'same',
    data_format: 'channels_last',
    dilation_rate: [1, 1],
    activation: 'linear',
    use_bias: false,
  });
}

/**
 * Epsilon 1e-5 is the engine's; momentum 0.9 is Keras's name for the engine's running-average
 * factor (running = 0.9 running + 0.1 batch). Inference uses only the moving mean and variance.
 */
export const BN_EPSILON = 1e-5;

export function batchNormalization(name: string, input: string): KerasLayer {
  return layer('BatchNormalization', name, [input], { axis: -1, momentum: 0.9, epsilon: BN_EPSILON, center: true, scale: true });
}

export function relu(name: string, input: string): KerasLayer {
  return layer('Activation', name, [input], { activation: 'relu' });
}

export function add(name: string, inputs: [string, string]): KerasLayer {
  return layer('Add', name, inputs, {});
}

export function maxPooling2d(name: string, input: string, pool: number, stride: number): KerasLayer {
  return layer('MaxPooling2D', name, [input], {
    pool_size: [pool, pool],
    strides: [stride, stride],
    padding: 'same',
    data_format: 'channels_last',
  });
}

export function globalAveragePooling2d(name: string, input: string): KerasLayer {
  return layer('GlobalAveragePooling2D', name, [input], { data_format: 'channels_last' });
}

export function dense(name: string, input: string, units: number, activation: 'softmax' | 'linear'): KerasLayer {
  return layer('Dense', name, [input], { units, activation, use_bias: true });
}
