/**
 * Fast, correct training kernels for the TensorFlow.js wasm backend (tfjs 4.22).
 *
 * Out of the box, wasm cannot train a conv net and trains dense nets slowly:
 *
 * - `Conv2DBackpropFilter` is not registered at all.
 * - `Conv2DBackpropInput` (also the forward pass of `conv2dTranspose`) is a naive C++ loop,
 *   about 8× slower than wasm's XNNPACK `Conv2D`.
 * - `BatchMatMul` with a transposed operand (every dense-layer gradient) is ~12× slower
 *   than without.
 * - `_FusedMatMul` with a bias returns wrong numbers with a transpose flag or a batch > 1.
 *
 * The replacements do their arithmetic in kernels that are fast and correct on wasm:
 * XNNPACK's `Conv2D`, `BatchMatMul` / `_FusedMatMul` without transpose flags, and
 * `Transpose`. They call those through their kernel functions with the backend, so nothing
 * is recorded on a gradient tape and no `tf.Tensor` is created. Two small layout passes of
 * `Conv2DBackpropInput` (building its phase filter, interleaving its output) are plain
 * JavaScript loops over the wasm heap.
 *
 * Intermediates are `TensorInfo`s released with `backend.disposeData` before the kernel
 * returns, so a call adds exactly one data id (its output), which tfjs's own leak check
 * (`IS_TEST`) verifies. Disposing a tensor that served as a `Conv2D` filter also drops the
 * XNNPACK operator wasm cached for it (measured: the heap stays flat over 600 calls).
 *
 * Shapes are NHWC throughout: x `[B, H, W, C]`, filter w `[fh, fw, C, O]`,
 * dy `[B, dyH, dyW, O]`. Only dilation 1 is supported, like tfjs's own conv gradients.
 */
import * as tf from '@tensorflow/tfjs-core';

type Info = tf.TensorInfo;
type Attrs = tf.NamedAttrMap;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** The part of `BackendWasm` the kernels use. */
interface Backend {
  /** Frees wasm memory at once (and XNNPACK operators cached for that tensor as a filter). */
  disposeData(dataId: object, force?: boolean): boolean;
  /** Allocates an uninitialised tensor on the wasm heap. */
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  /** A live view of a tensor's heap memory (invalidated when the heap grows). */
  typedArrayFromHeap(t: Info): tf.backend_util.TypedArray;
}

type RunArgs = { inputs: tf.NamedTensorInfoMap; backend: Backend; attrs?: Attrs };

const WASM = 'wasm';

/** Kernel configs this module replaced, so the fast paths can still call the originals. */
const originals = new Map<string, tf.KernelConfig>();

function single(out: Info | Info[]): Info {
  if (Array.isArray(out)) {
    const [first] = out;
    if (out.length !== 1 || first === undefined) throw new Error('expected one output');
    return first;
  }
  return out;
}

/** Runs the original wasm kernel `name` if we replaced it, else the registered one. */
function run(name: string, args: RunArgs): Info {
  const config = originals.get(name) ?? tf.getKernel(name, WASM);
  if (config === undefined || ours.has(config.kernelFunc)) {
    throw new Error(`tfjs's own wasm kernel ${name} is not registered`);
  }
  return single(config.kernelFunc(args as KernelArgs));
}

function unpack(args: KernelArgs): { backend: Backend; attrs: Attrs } {
  return { backend: args.backend as Backend, attrs: args.attrs ?? {} };
}

function shape4(t: Info | number[]): [number, number, number, number] {
  const s = Array.isArray(t) ? t : t.shape;
  if (s.length !== 4) throw new Error(`expected a rank-4 shape, got [${s.join(', ')}]`);
  return s as [number, number, number, number];
}

function float32(t: Info, kernel: string): void {
  if (t.dtype !== 'float32') throw new Error(`${kernel} (training kernels): needs float32`);
}

/**
 * Allocates `[shape]` float32 on the heap and fills it with `fill(out, ...inputs)` where the
 * arrays are heap views taken after the allocation (an allocation can grow, and so detach,
 * the heap).
 */
function compute(
  backend: Backend,
  shape: number[],
  inputs: Info[],
  fill: (out: Float32Array, ...ins: Float32Array[]) => void,
): Info {
  const out = backend.makeOutput(shape, 'float32');
  const views = inputs.map((t) => backend.typedArrayFromHeap(t) as Float32Array);
  fill(backend.typedArrayFromHeap(out) as Float32Array, ...views);
  return out;
}

/** tfjs's wasm `Transpose` (fast enough: ~1 ms for a [64, 16, 16, 16] tensor). */
function transpose(backend: Backend, x: Info, perm: number[]): Info {
  return run(tf.Transpose, { inputs: { x }, backend, attrs: { perm } });
}

/** `[..., R, C]` → `[..., C, R]`. */
function transposeLast2(backend: Backend, x: Info): Info {
  const r = x.shape.length;
  return transpose(
    backend,
    x,
    x.shape.map((_, i) => (i === r - 2 ? r - 1 : i === r - 1 ? r - 2 : i)),
  );
}

/**
 * XNNPACK `Conv2D`, stride 1, with explicit padding whose bottom/right may be negative (a
 * negative pad drops that many rows of output at that end, which for stride 1 is the same as
 * skipping input rows). Top and left must be ≥ 0. Returns `[N, outH, outW, outC]`.
 */
function conv2dStride1(
  backend: Backend,
  x: Info,
  filter: Info,
  pad: { top: number; bottom: number; left: number; right: number },
  dilations: [number, number],
  outH: number,
  outW: number,
): Info {
  const y = run(tf.Conv2D, {
    inputs: { x, filter },
    backend,
    attrs: {
      strides: [1, 1],
      pad: [
        [0, 0],
        [pad.top, Math.max(pad.bottom, 0)],
        [pad.left, Math.max(pad.right, 0)],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations,
    },
  });
  const [n, h, w, c] = shape4(y);
  if (h === outH && w === outW) return y;
  const cropped = run(tf.Slice, {
    inputs: { x: y },
    backend,
    attrs: { begin: [0, 0, 0, 0], size: [n, outH, outW, c] },
  });
  backend.disposeData(y.dataId);
  return cropped;
}

function convInfo(
  attrs: tf.Conv2DBackpropFilterAttrs | tf.Conv2DBackpropInputAttrs,
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  kernel: string,
): tf.backend_util.Conv2DInfo {
  if (attrs.dataFormat !== 'NHWC') {
    throw new Error(`${kernel} (training kernels): only NHWC, got ${attrs.dataFormat}`);
  }
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
}

/**
 * dW = ∂L/∂w from x `[B, H, W, C]` and dy `[B, dyH, dyW, O]`, stride (sH, sW), pads
 * (padT, padL) as tfjs computes them for the forward conv:
 *
 *   forward:  y[b,i,j,o]  = Σ_{p,q,c} x[b, i·sH − padT + p, j·sW − padL + q, c] · w[p,q,c,o]
 *   so        dW[p,q,c,o] = Σ_{b,i,j} x[b, i·sH − padT + p, j·sW − padL + q, c] · dy[b,i,j,o]
 *
 * That sum is itself a stride-1 convolution with the roles swapped: x's channels become the
 * batch, the batch becomes the input channels, dy becomes the filter and the forward stride
 * becomes the filter's dilation:
 *
 *   X' = x  transposed [3,1,2,0]   : [C, H, W, B]
 *   F' = dy transposed [1,2,0,3]   : [dyH, dyW, B, O]         (dilation (sH, sW))
 *   Z  = conv2d(X', F', stride 1, dilation (sH, sW), pad top padT, left padL)
 *      Z[c,p,q,o] = Σ_{i,j,b} X'[c, p − padT + i·sH, q − padL + j·sW, b] · F'[i,j,b,o]
 *                 = dW[p,q,c,o]                                 : [C, fh, fw, O]
 *   dW = Z  transposed [1,2,0,3]   : [fh, fw, C, O]
 *
 * Z must be fh rows: rows = H + padT + padB' − (dyH − 1)·sH, so
 * padB' = fh + (dyH − 1)·sH − H − padT; it is negative when a 'valid' conv left rows of x
 * unused, and then the conv runs with 0 and the extra rows are cropped. Likewise columns.
 */
function conv2DBackpropFilter(args: KernelArgs): Info {
  const { backend, attrs: a } = unpack(args);
  const attrs = a as unknown as tf.Conv2DBackpropFilterAttrs;
  const { x, dy } = args.inputs as { x: Info; dy: Info };
  float32(x, tf.Conv2DBackpropFilter);
  float32(dy, tf.Conv2DBackpropFilter);
  const info = convInfo(attrs, shape4(x), attrs.filterShape, tf.Conv2DBackpropFilter);
  const [, H, W] = shape4(x);
  const [, dyH, dyW] = shape4(dy);
  const { filterHeight: fh, filterWidth: fw, strideHeight: sH, strideWidth: sW } = info;
  const { top, left } = info.padInfo;

  const xT = transpose(backend, x, [3, 1, 2, 0]); // [C, H, W, B]
  const dyT = transpose(backend, dy, [1, 2, 0, 3]); // [dyH, dyW, B, O]
  const z = conv2dStride1(
    backend,
    xT,
    dyT,
    { top, left, bottom: fh + (dyH - 1) * sH - H - top, right: fw + (dyW - 1) * sW - W - left },
    [sH, sW],
    fh,
    fw,
  ); // [C, fh, fw, O]
  backend.disposeData(xT.dataId);
  backend.disposeData(dyT.dataId);
  const dw = transpose(backend, z, [1, 2, 0, 3]); // [fh, fw, C, O]
  backend.disposeData(z.dataId);
  return dw;
}

/**
 * dx = ∂L/∂x (and the forward pass of conv2dTranspose) from dy `[B, dyH, dyW, O]` and w
 * `[fh, fw, C, O]`, for x of shape `[B, H, W, C]`:
 *
 *   dx[b,h,w,c] = Σ_{i·sH − padT + p = h, j·sW − padL + q = w} Σ_o dy[b,i,j,o] · w[p,q,c,o]
 *
 * Zero-insertion (put sH − 1 zero rows between rows of dy, then a stride-1 conv with w
 * rotated 180°) would be correct but multiplies mostly zeros: sH·sW times the work. Instead
 * split the output by phase. Write h + padT = a·sH + rh with 0 ≤ rh < sH; then p = rh + k·sH
 * and i = a − k, so each output-row phase rh is a stride-1 correlation of dy with the
 * sub-filter w[rh + k·sH] (k = 0 … ⌈fh/sH⌉ − 1, zero where rh + k·sH ≥ fh). Likewise columns.
 * All sH·sW phases run as ONE `Conv2D` whose output channels are (rh, rw, c):
 *
 *   Kh = ⌈fh / sH⌉, Kw = ⌈fw / sW⌉
 *   F[k, l, o, (rh·sW + rw)·C + c] = w[rh + (Kh−1−k)·sH, rw + (Kw−1−l)·sW, c, o] (or 0)
 *                                                            : [Kh, Kw, O, sH·sW·C]
 *   Y = conv2d(dy, F, stride 1, pad top Kh−1−a0, left Kw−1−b0)   : [B, Ah, Aw, sH·sW·C]
 *       where a0 = ⌊padT/sH⌋, Ah = ⌊(padT + H − 1)/sH⌋ − a0 + 1 (b0, Aw likewise), so
 *       Y[b, a − a0, ·, (rh, rw, c)] = Σ_{k,l,o} dy[b, a − k, ·, o] · w[rh + k·sH, ·, c, o]
 *   dx[b,h,w,c] = Y[b, ⌊(h+padT)/sH⌋ − a0, ⌊(w+padL)/sW⌋ − b0, ((h+padT) mod sH, (w+padL) mod sW, c)]
 *
 * (the last step, depth-to-space plus a crop, is one JS pass). The conv does
 * Kh·Kw·sH·sW ≈ fh·fw multiply-adds per output instead of fh·fw·sH·sW. For stride 1 it is
 * just the conv of dy with the rotated filter, padded fh−1−padT on top, and Y is dx.
 * Bottom pad: Ah = dyH + top + bottom − Kh + 1 gives bottom = Ah − dyH + a0 (cropped if < 0).
 */
function conv2DBackpropInput(args: KernelArgs): Info {
  const { backend, attrs: a } = unpack(args);
  const attrs = a as unknown as tf.Conv2DBackpropInputAttrs;
  const { dy, filter } = args.inputs as { dy: Info; filter: Info };
  float32(dy, tf.Conv2DBackpropInput);
  float32(filter, tf.Conv2DBackpropInput);
  const wShape = shape4(filter);
  const info = convInfo(attrs, attrs.inputShape, wShape, tf.Conv2DBackpropInput);
  const [B, H, W, C] = attrs.inputShape;
  const [, dyH, dyW, O] = shape4(dy);
  const [fh, fw] = wShape;
  const { strideHeight: sH, strideWidth: sW } = info;
  const { top: padT, left: padL } = info.padInfo;

  const kh = Math.ceil(fh / sH);
  const kw = Math.ceil(fw / sW);
  const a0 = Math.floor(padT / sH);
  const b0 = Math.floor(padL / sW);
  const ah = Math.floor((padT + H - 1) / sH) - a0 + 1;
  const aw = Math.floor((padL + W - 1) / sW) - b0 + 1;
  const phases = sH * sW;
  const PC = phases * C;

  // F[k, l, o, (rh·sW + rw)·C + c] = w[rh + (kh−1−k)·sH, rw + (kw−1−l)·sW, c, o].
  const phaseFilter = compute(backend, [kh, kw, O, PC], [filter], (out, w) => {
    out.fill(0);
    for (let k = 0; k < kh; k++) {
      for (let l = 0; l < kw; l++) {
        for (let rh = 0; rh < sH; rh++) {
          const p = rh + (kh - 1 - k) * sH;
          if (p >= fh) continue;
          for (let rw = 0; rw < sW; rw++) {
            const q = rw + (kw - 1 - l) * sW;
            if (q >= fw) continue;
            const ph = rh * sW + rw;
            for (let c = 0; c < C; c++) {
              const src = ((p * fw + q) * C + c) * O;
              let dst = (k * kw + l) * O * PC + ph * C + c;
              for (let o = 0; o < O; o++, dst += PC) out[dst] = w[src + o]!;
            }
          }
        }
      }
    }
  });

  const top = kh - 1 - a0;
  const left = kw - 1 - b0;
  let y: Info;
  if (top >= 0 && left >= 0) {
    y = conv2dStride1(
      backend,
      dy,
      phaseFilter,
      { top, left, bottom: ah - dyH + a0, right: aw - dyW + b0 },
      [1, 1],
      ah,
      aw,
    );
  } else {
    // Only with explicit padding larger than the filter: pad dy by hand instead.
    const padded = run(tf.PadV2, {
      inputs: { x: dy },
      backend,
      attrs: {
        paddings: [
          [0, 0],
          [Math.max(top, 0), Math.max(ah - dyH + a0, 0)],
          [Math.max(left, 0), Math.max(aw - dyW + b0, 0)],
          [0, 0],
        ],
        constantValue: 0,
      },
    });
    const cropped = run(tf.Slice, {
      inputs: { x: padded },
      backend,
      attrs: {
        begin: [0, Math.max(-top, 0), Math.max(-left, 0), 0],
        size: [B, ah + kh - 1, aw + kw - 1, O],
      },
    });
    backend.disposeData(padded.dataId);
    y = conv2dStride1(
      backend,
      cropped,
      phaseFilter,
      { top: 0, left: 0, bottom: 0, right: 0 },
      [1, 1],
      ah,
      aw,
    );
    backend.disposeData(cropped.dataId);
  }
  backend.disposeData(phaseFilter.dataId);
  if (phases === 1) return y; // stride 1: a0 = padT, b0 = padL, and Y is dx

  // dx[b,h,w,c] = Y[b, ⌊(h+padT)/sH⌋ − a0, ⌊(w+padL)/sW⌋ − b0, (rh·sW + rw)·C + c].
  const dx = compute(backend, [B, H, W, C], [y], (out, src) => {
    let o = 0;
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        const rh = (h + padT) % sH;
        const row = (b * ah + Math.floor((h + padT) / sH) - a0) * aw;
        for (let w = 0; w < W; w++) {
          const rw = (w + padL) % sW;
          const i = (row + Math.floor((w + padL) / sW) - b0) * PC + (rh * sW + rw) * C;
          for (let c = 0; c < C; c++) out[o++] = src[i + c]!;
        }
      }
    }
  });
  backend.disposeData(y.dataId);
  return dx;
}

/**
 * C = op(A) · op(B), op = transpose when asked: the transposes are materialised
 * (`[..., K, M]` → `[..., M, K]`, wasm `Transpose`) and the original kernel runs with both flags
 * false, its fast path.
 */
function batchMatMul(args: KernelArgs): Info {
  const { backend, attrs } = unpack(args);
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
  const plain = a.dtype !== 'float32' || b.dtype !== 'float32';
  const a2 = transposeA && !plain ? transposeLast2(backend, a) : a;
  const b2 = transposeB && !plain ? transposeLast2(backend, b) : b;
  const out = run(tf.BatchMatMul, {
    inputs: { a: a2, b: b2 },
    backend,
    attrs: { transposeA: plain && transposeA, transposeB: plain && transposeB },
  });
  if (a2 !== a) backend.disposeData(a2.dataId);
  if (b2 !== b) backend.disposeData(b2.dataId);
  return out;
}

/** Element-wise activations by tfjs's fused-activation name. */
function activate(
  backend: Backend,
  x: Info,
  activation: string,
  prelu: Info | undefined,
  leakyreluAlpha: number | undefined,
): Info {
  switch (activation) {
    case 'relu':
      return run(tf.Relu, { inputs: { x }, backend });
    case 'relu6':
      return run(tf.Relu6, { inputs: { x }, backend });
    case 'elu':
      return run(tf.Elu, { inputs: { x }, backend });
    case 'sigmoid':
      return run(tf.Sigmoid, { inputs: { x }, backend });
    case 'leakyrelu':
      return run(tf.LeakyRelu, { inputs: { x }, backend, attrs: { alpha: leakyreluAlpha ?? 0.2 } });
    case 'prelu':
      if (prelu === undefined) throw new Error('prelu activation needs its weights');
      return run(tf.Prelu, { inputs: { x, alpha: prelu }, backend });
    default:
      throw new Error(`_FusedMatMul (training kernels): unknown activation ${activation}`);
  }
}

/**
 * act(op(A) · op(B) + bias). tfjs 4.22's wasm kernel adds the bias wrongly when a transpose
 * flag is set or when there is more than one matrix in the batch (measured); without a bias,
 * or with a `[N]` bias on a single `[1, M, K] · [1, K, N]` product and no flags, it is right.
 * So the transposes are materialised as in `batchMatMul` and the fused kernel runs with both
 * flags false in those cases; otherwise (a batch with a bias, a bias that is not `[N]`, or
 * PReLU, whose weights it does not broadcast) the op is decomposed:
 * `BatchMatMul` → `Add` (broadcasting) → activation.
 */
function fusedMatMul(args: KernelArgs): Info {
  const { backend, attrs } = unpack(args);
  const { a, b, bias, preluActivationWeights } = args.inputs as {
    a: Info;
    b: Info;
    bias?: Info;
    preluActivationWeights?: Info;
  };
  const { transposeA, transposeB, activation, leakyreluAlpha } =
    attrs as unknown as tf._FusedMatMulAttrs;
  float32(a, tf._FusedMatMul);
  float32(b, tf._FusedMatMul);
  const a2 = transposeA ? transposeLast2(backend, a) : a;
  const b2 = transposeB ? transposeLast2(backend, b) : b;
  const n = b2.shape[b2.shape.length - 1];
  const oneMatrix = (t: Info) => tf.util.sizeFromShape(t.shape.slice(0, -2)) === 1;
  const fusable =
    activation !== 'prelu' &&
    (bias == null ||
      (bias.shape.length === 1 && bias.shape[0] === n && oneMatrix(a2) && oneMatrix(b2)));
  let out: Info;
  if (fusable) {
    const inputs: tf.NamedTensorInfoMap = { a: a2, b: b2 };
    if (bias != null) inputs['bias'] = bias;
    out = run(tf._FusedMatMul, {
      inputs,
      backend,
      attrs: {
        transposeA: false,
        transposeB: false,
        activation,
        leakyreluAlpha: leakyreluAlpha ?? 0,
      },
    });
  } else {
    out = run(tf.BatchMatMul, {
      inputs: { a: a2, b: b2 },
      backend,
      attrs: { transposeA: false, transposeB: false },
    });
    if (bias != null) {
      const sum = run(tf.Add, { inputs: { a: out, b: bias }, backend });
      backend.disposeData(out.dataId);
      out = sum;
    }
    if (activation !== 'linear') {
      const act = activate(
        backend,
        out,
        activation,
        preluActivationWeights ?? undefined,
        leakyreluAlpha,
      );
      backend.disposeData(out.dataId);
      out = act;
    }
  }
  if (a2 !== a) backend.disposeData(a2.dataId);
  if (b2 !== b) backend.disposeData(b2.dataId);
  return out;
}

const replacements: ReadonlyArray<readonly [string, tf.KernelFunc]> = [
  [tf.Conv2DBackpropFilter, conv2DBackpropFilter],
  [tf.Conv2DBackpropInput, conv2DBackpropInput],
  [tf.BatchMatMul, batchMatMul],
  [tf._FusedMatMul, fusedMatMul],
];
const ours = new Set<tf.KernelFunc>(replacements.map(([, fn]) => fn));

/**
 * Registers the training kernels for backend 'wasm', replacing tfjs's own where it has one
 * (all four, or only the kernel names in `only`, e.g. for benchmarks). Idempotent. Call it
 * after `@tensorflow/tfjs-backend-wasm` is imported (which registers the originals). The
 * original's `setupFunc` is kept on the new config, so the originals still work when the
 * wasm backend is set up again later, e.g. after `tf.setBackend('cpu')` and back.
 */
export function registerTrainingKernels(only?: readonly string[]): void {
  if (tf.getKernel(tf.Conv2D, WASM) === undefined) {
    throw new Error('registerTrainingKernels: import @tensorflow/tfjs-backend-wasm first');
  }
  for (const [name, kernelFunc] of replacements) {
    if (only !== undefined && !only.includes(name)) continue;
    const existing = tf.getKernel(name, WASM);
    if (existing !== undefined && ours.has(existing.kernelFunc)) continue;
    const config: tf.KernelConfig = { kernelName: name, backendName: WASM, kernelFunc };
    if (existing !== undefined) {
      originals.set(name, existing);
      tf.unregisterKernel(name, WASM);
      if (existing.setupFunc) config.setupFunc = existing.setupFunc;
      if (existing.disposeFunc) config.disposeFunc = existing.disposeFunc;
    }
    tf.registerKernel(config);
  }
}

/**
 * The one replacement inference needs, for the browser: tfjs's wasm `conv2dTranspose` is the
 * naive loop above, and every VAE and GAN face goes through three of them. Ours runs on
 * XNNPACK's `Conv2D` and gives the same numbers (see the kernel tests). Measured in Node on
 * wasm: VAE decode of one face 5.8 → 1.7 ms; 64 GAN faces 224 → 97 ms.
 */
export function registerInferenceKernels(): void {
  registerTrainingKernels([tf.Conv2DBackpropInput]);
}

/** Puts tfjs's own wasm kernels back (for comparisons and benchmarks). */
export function unregisterTrainingKernels(): void {
  for (const [name, kernelFunc] of replacements) {
    const existing = tf.getKernel(name, WASM);
    if (existing === undefined || existing.kernelFunc !== kernelFunc) continue;
    tf.unregisterKernel(name, WASM);
    const original = originals.get(name);
    if (original !== undefined) tf.registerKernel(original);
    originals.delete(name);
  }
}

/** Whether all the training kernels are the ones registered for wasm now. */
export function trainingKernelsRegistered(): boolean {
  return replacements.every(([name, fn]) => tf.getKernel(name, WASM)?.kernelFunc === fn);
}
