/* Copyright 2016 Google Inc. All Rights Reserved.

Licensed under the Apache License, Version 2.0 (the "License");
you may not use this file except in compliance with the License.
You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software
distributed under the License is distributed on an "AS IS" BASIS,
WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
See the License for the specific language governing permissions and
limitations under the License.
==============================================================================*/
// The training core of TensorFlow Playground's src/nn.ts (github.com/tensorflow/playground, commit 02469bd),
// kept only as the bench's reference for its object-per-node design. Modified: just what was needed to train
// (square error, tanh/ReLU/linear, no regularisation, ids and dead links dropped), fields initialised for strict TS,
// and weights drawn from a seeded source instead of Math.random so both sides of the bench see the same start.

/** A unit: its bias, links in and out, and the state one example leaves on it. */
class Node {
  inputLinks: Link[] = [];
  bias = 0.1;
  outputs: Link[] = [];
  totalInput = 0;
  output = 0;
  outputDer = 0;
  inputDer = 0;
  accInputDer = 0;
  numAccumulatedDers = 0;
  activation: ActivationFunction;
  constructor(activation: ActivationFunction) {
    this.activation = activation;
  }
  updateOutput(): number {
    this.totalInput = this.bias;
    for (let j = 0; j < this.inputLinks.length; j++) {
      const link = this.inputLinks[j];
      this.totalInput += link.weight * link.source.output;
    }
    this.output = this.activation.output(this.totalInput);
    return this.output;
  }
}

/** An activation and its derivative, as Playground passes them around. */
export interface ActivationFunction {
  output: (input: number) => number;
  der: (input: number) => number;
}

/** Playground's activations (only those its setting here uses). */
export const Activations: Record<'TANH' | 'RELU' | 'LINEAR', ActivationFunction> = {
  TANH: { output: (x) => Math.tanh(x), der: (x) => { const o = Math.tanh(x); return 1 - o * o; } },
  RELU: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  LINEAR: { output: (x) => x, der: () => 1 },
};

/** A weighted connection between two units. */
class Link {
  source: Node;
  dest: Node;
  weight: number;
  errorDer = 0;
  accErrorDer = 0;
  numAccumulatedDers = 0;
  constructor(source: Node, dest: Node, weight: number) {
    this.source = source;
    this.dest = dest;
    this.weight = weight;
  }
}

/** Playground's buildNetwork: layers of Node objects joined by Link objects; `random` replaces Math.random. */
export function buildNetwork(shape: number[], activation: ActivationFunction, outputActivation: ActivationFunction, random: () => number): Node[][] {
  const network: Node[][] = [];
  for (let l = 0; l < shape.length; l++) {
    const layer: Node[] = [];
    network.push(layer);
    for (let i = 0; i < shape[l]; i++) {
      const node = new Node(l === shape.length - 1 ? outputActivation : activation);
      layer.push(node);
      if (l >= 1) for (const prev of network[l - 1]) {
        const link = new Link(prev, node, random() - 0.5);
        prev.outputs.push(link);
        node.inputLinks.push(link);
      }
    }
  }
  return network;
}

/** Playground's forwardProp. */
export function forwardProp(network: Node[][], inputs: number[]): number {
  for (let i = 0; i < network[0].length; i++) network[0][i].output = inputs[i];
  for (let l = 1; l < network.length; l++) for (const node of network[l]) node.updateOutput();
  return network[network.length - 1][0].output;
}

/** Playground's backProp with its square error (der = output − target). */
export function backProp(network: Node[][], target: number): void {
  const out = network[network.length - 1][0];
  out.outputDer = out.output - target;
  for (let l = network.length - 1; l >= 1; l--) {
    for (const node of network[l]) {
      node.inputDer = node.outputDer * node.activation.der(node.totalInput);
      node.accInputDer += node.inputDer;
      node.numAccumulatedDers++;
    }
    for (const node of network[l]) for (const link of node.inputLinks) {
      link.errorDer = node.inputDer * link.source.output;
      link.accErrorDer += link.errorDer;
      link.numAccumulatedDers++;
    }
    if (l === 1) continue;
    for (const node of network[l - 1]) {
      node.outputDer = 0;
      for (const o of node.outputs) node.outputDer += o.weight * o.dest.inputDer;
    }
  }
}

/** Playground's updateWeights, without regularisation. */
export function updateWeights(network: Node[][], learningRate: number): void {
  for (let l = 1; l < network.length; l++) for (const node of network[l]) {
    if (node.numAccumulatedDers > 0) {
      node.bias -= (learningRate * node.accInputDer) / node.numAccumulatedDers;
      node.accInputDer = 0;
      node.numAccumulatedDers = 0;
    }
    for (const link of node.inputLinks) {
      if (link.numAccumulatedDers > 0) {
        link.weight -= (learningRate / link.numAccumulatedDers) * link.accErrorDer;
        link.accErrorDer = 0;
        link.numAccumulatedDers = 0;
      }
    }
  }
}
