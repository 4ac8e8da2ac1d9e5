/**
 * Python helpers at the top of the generated model.py: Keras semantics in
 * PyTorch where torch.nn says something else — TF's asymmetric 'same'
 * padding, Conv2DTranspose cropping, average pooling that ignores padding,
 * asymmetric bilinear upsampling (TF.js's), batch/layer normalisation with
 * optional gamma/beta, and recurrent layers with Keras's weight layout (one
 * bias, GRU reset_after=False, which torch.nn.GRU cannot express) so the
 * parameter count equals Keras's and the weights load without reordering.
 */
export const TORCH_HELPERS_PY = `def hard_sigmoid_tfjs(x):
    """TF.js's hard sigmoid gate: clip(0.2 * x + 0.5, 0, 1)."""
    return torch.clamp(0.2 * x + 0.5, 0.0, 1.0)


def activate(x, name, dim=-1, alpha=0.2):
    """Keras activations; softmax over Keras's last axis (dim=1 for NCHW images)."""
    if name == "linear":
        return x
    if name == "relu":
        return F.relu(x)
    if name == "relu6":
        return F.relu6(x)
    if name == "leaky_relu":
        return F.leaky_relu(x, alpha)
    if name == "elu":
        return F.elu(x)
    if name == "selu":
        return F.selu(x)
    if name == "sigmoid":
        return torch.sigmoid(x)
    if name == "hard_sigmoid":
        return hard_sigmoid_tfjs(x)
    if name == "tanh":
        return torch.tanh(x)
    if name == "softmax":
        return torch.softmax(x, dim=dim)
    if name == "gelu":
        return F.gelu(x)
    if name == "softplus":
        return F.softplus(x)
    if name == "softsign":
        return F.softsign(x)
    if name == "swish":
        return F.silu(x)
    raise ValueError(f"unknown activation {name}")


def nhwc(x):
    """NCHW -> NHWC (Keras's order, for Flatten and Reshape)."""
    return x.permute(0, 2, 3, 1)


def nchw(x):
    return x.permute(0, 3, 1, 2)


def max_pool_same(x, kernel, stride, pads):
    """pads = (left, right, top, bottom) as TF computes them; padded cells never win."""
    return F.max_pool2d(F.pad(x, pads, value=float("-inf")), kernel, stride)


def avg_pool_same(x, kernel, stride, pads):
    """Keras averages only the real cells of a padded window."""
    total = F.avg_pool2d(F.pad(x, pads), kernel, stride)
    count = F.avg_pool2d(F.pad(torch.ones_like(x[:, :1]), pads), kernel, stride)
    return total / count


def crop(x, top, bottom, left, right):
    """Conv2DTranspose with 'same' padding: TF crops the full transposed convolution (odd element at the end)."""
    return x[:, :, top : x.shape[2] - bottom, left : x.shape[3] - right]


def upsample_bilinear_tfjs(x, sh, sw):
    """Bilinear upsampling with TF.js's coordinates (source = destination / scale, no half-pixel shift)."""
    def axis(size, scale, device):
        src = torch.arange(size * scale, device=device, dtype=torch.float32) / scale
        lo = src.floor().long().clamp(max=size - 1)
        hi = (lo + 1).clamp(max=size - 1)
        return lo, hi, src - lo.float()
    h0, h1, fh = axis(x.shape[2], sh, x.device)
    w0, w1, fw = axis(x.shape[3], sw, x.device)
    top = x[:, :, h0] * (1 - fh)[:, None] + x[:, :, h1] * fh[:, None]
    return top[:, :, :, w0] * (1 - fw) + top[:, :, :, w1] * fw


class KerasBatchNorm(nn.Module):
    """BatchNormalization over the channel axis, gamma/beta optional as in Keras."""

    def __init__(self, channels, epsilon, momentum, center, scale, channel_dim):
        super().__init__()
        self.epsilon, self.momentum, self.channel_dim = epsilon, 1.0 - momentum, channel_dim
        self.weight = nn.Parameter(torch.ones(channels)) if scale else None
        self.bias = nn.Parameter(torch.zeros(channels)) if center else None
        self.register_buffer("running_mean", torch.zeros(channels))
        self.register_buffer("running_var", torch.ones(channels))

    def forward(self, x):
        moved = x.movedim(self.channel_dim, 1) if self.channel_dim != 1 else x
        y = F.batch_norm(moved, self.running_mean, self.running_var, self.weight, self.bias, self.training, self.momentum, self.epsilon)
        return y.movedim(1, self.channel_dim) if self.channel_dim != 1 else y


class KerasLayerNorm(nn.Module):
    """LayerNormalization over Keras's last axis, gamma/beta optional."""

    def __init__(self, channels, epsilon, center, scale, images):
        super().__init__()
        self.epsilon, self.images, self.channels = epsilon, images, channels
        self.weight = nn.Parameter(torch.ones(channels)) if scale else None
        self.bias = nn.Parameter(torch.zeros(channels)) if center else None

    def forward(self, x):
        y = F.layer_norm(nhwc(x) if self.images else x, (self.channels,), self.weight, self.bias, self.epsilon)
        return nchw(y) if self.images else y


class KerasInstanceNorm(nn.Module):
    """InstanceNormalization (NCHW) with only one of gamma/beta; with both, nn.InstanceNorm2d(affine=True) is used."""

    def __init__(self, channels, epsilon, center, scale):
        super().__init__()
        self.epsilon = epsilon
        self.weight = nn.Parameter(torch.ones(channels)) if scale else None
        self.bias = nn.Parameter(torch.zeros(channels)) if center else None

    def forward(self, x):
        return F.instance_norm(x, weight=self.weight, bias=self.bias, eps=self.epsilon)


class KerasNormalization(nn.Module):
    """Keras's Normalization: (x - mean) / max(sqrt(variance), 1e-7) per channel; Keras's three weights as buffers."""

    def __init__(self, channels, channel_dim=-1):
        super().__init__()
        self.channel_dim = channel_dim
        self.register_buffer("mean", torch.zeros(channels))
        self.register_buffer("variance", torch.ones(channels))
        self.register_buffer("count", torch.zeros(()))

    def forward(self, x):
        shape = [1] * x.dim()
        shape[self.channel_dim] = -1
        return (x - self.mean.view(shape)) / torch.sqrt(self.variance.view(shape)).clamp(min=1e-7)


class RandomFlip(nn.Module):
    """Keras's RandomFlip on NCHW images: each image flipped with probability 1/2 while training, else unchanged."""

    def __init__(self, mode):
        super().__init__()
        self.mode = mode

    def forward(self, x):
        if not self.training:
            return x
        for dim, flips in ((3, "horizontal"), (2, "vertical")):
            if flips in self.mode:
                m = (torch.rand(x.shape[0], 1, 1, 1, device=x.device) < 0.5).to(x.dtype)
                x = m * x.flip(dim) + (1 - m) * x
        return x


class RandomAffine(nn.Module):
    """Keras's RandomRotation / RandomTranslation / RandomZoom on NCHW images while training (the identity in eval
    mode): tf.keras's matrices (output pixel -> input pixel) sampled with F.grid_sample; 'wrap' fills as 'reflect'."""

    PADDING = {"reflect": "reflection", "wrap": "reflection", "nearest": "border", "constant": "zeros"}

    def __init__(self, kind, factor=0.0, height_factor=0.0, width_factor=-1.0, fill_mode="reflect",
                 interpolation="bilinear", fill_value=0.0):
        super().__init__()
        self.kind, self.factor, self.hf, self.wf = kind, factor, height_factor, width_factor
        self.fill_mode, self.interpolation, self.fill_value = fill_mode, interpolation, fill_value

    def matrices(self, n, h, w, device):
        u = lambda f: (torch.rand(n, device=device) * 2 - 1) * f
        one, zero = torch.ones(n, device=device), torch.zeros(n, device=device)
        if self.kind == "rotation":
            a = u(self.factor * 2 * math.pi)
            cos, sin = torch.cos(a), torch.sin(a)
            xo = ((w - 1) - (cos * (w - 1) - sin * (h - 1))) / 2
            yo = ((h - 1) - (sin * (w - 1) + cos * (h - 1))) / 2
            rows = [cos, -sin, xo, sin, cos, yo]
        elif self.kind == "translation":
            dy, dx = u(self.hf * h), u(self.wf * w)
            rows = [one, zero, -dx, zero, one, -dy]
        else:
            zy = 1 + u(self.hf)
            zx = zy if self.wf < 0 else 1 + u(self.wf)
            rows = [zx, zero, (w - 1) / 2 * (1 - zx), zero, zy, (h - 1) / 2 * (1 - zy)]
        a = torch.stack(rows, dim=1).view(n, 2, 3)
        return torch.cat([a, torch.tensor([[[0.0, 0.0, 1.0]]], device=device).expand(n, 1, 3)], dim=1)

    def forward(self, x):
        if not self.training:
            return x
        n, _, h, w = x.shape
        s = torch.tensor([[2 / max(w - 1, 1), 0, -1], [0, 2 / max(h - 1, 1), -1], [0, 0, 1]], device=x.device)
        theta = (s @ self.matrices(n, h, w, x.device) @ torch.inverse(s))[:, :2]
        grid = F.affine_grid(theta, list(x.shape), align_corners=True)
        mode = "bilinear" if self.interpolation == "bilinear" else "nearest"
        y = F.grid_sample(x, grid, mode=mode, padding_mode=self.PADDING[self.fill_mode], align_corners=True)
        if self.fill_mode == "constant" and self.fill_value != 0:
            inside = F.grid_sample(torch.ones_like(x), grid, mode=mode, padding_mode="zeros", align_corners=True)
            y = y + (1 - inside) * self.fill_value
        return y


class KerasRecurrent(nn.Module):
    """SimpleRNN / LSTM / GRU with Keras's weights: kernel (in, g*u), recurrent_kernel (u, g*u), bias (g*u,).

    Gate order as in Keras: LSTM i, f, c, o; GRU z, r, h. A GRU with reset_after=True (Keras's default) has
    bias (2, g*u), input row then recurrent row, and applies the reset gate after the recurrent matmul.
    Input (batch, time, features); output the last state or, with
    return_sequences, every state.
    """

    GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}

    def __init__(self, cell, features, units, activation="tanh", gate="sigmoid", use_bias=True, return_sequences=False, dropout=0.0, go_backwards=False, reset_after=False):
        super().__init__()
        g = self.GATES[cell]
        self.cell, self.units, self.activation, self.gate = cell, units, activation, gate
        self.return_sequences, self.go_backwards = return_sequences, go_backwards
        self.reset_after = cell == "GRU" and reset_after
        self.dropout = nn.Dropout(dropout)
        self.kernel = nn.Parameter(torch.empty(features, g * units))
        self.recurrent_kernel = nn.Parameter(torch.empty(units, g * units))
        bias_shape = (2, g * units) if self.reset_after else (g * units,)
        self.bias = nn.Parameter(torch.zeros(bias_shape)) if use_bias else None
        nn.init.xavier_uniform_(self.kernel)
        nn.init.orthogonal_(self.recurrent_kernel)
        if cell == "LSTM" and use_bias:
            self.bias.data[units : 2 * units] = 1.0  # Keras's unit_forget_bias

    def forward(self, x):
        u = self.units
        xs = self.dropout(x) @ self.kernel
        if self.bias is not None:
            xs = xs + (self.bias[0] if self.reset_after else self.bias)
        steps = range(x.shape[1] - 1, -1, -1) if self.go_backwards else range(x.shape[1])
        h = x.new_zeros(x.shape[0], u)
        c = x.new_zeros(x.shape[0], u)
        outputs = []
        for t in steps:
            z = xs[:, t]
            if self.cell == "SimpleRNN":
                h = activate(z + h @ self.recurrent_kernel, self.activation)
            elif self.cell == "LSTM":
                z = z + h @ self.recurrent_kernel
                i, f = activate(z[:, :u], self.gate), activate(z[:, u : 2 * u], self.gate)
                c = f * c + i * activate(z[:, 2 * u : 3 * u], self.activation)
                h = activate(z[:, 3 * u :], self.gate) * activate(c, self.activation)
            elif self.reset_after:
                hu = h @ self.recurrent_kernel
                if self.bias is not None:
                    hu = hu + self.bias[1]
                zt, r = activate(z[:, :u] + hu[:, :u], self.gate), activate(z[:, u : 2 * u] + hu[:, u : 2 * u], self.gate)
                h = zt * h + (1 - zt) * activate(z[:, 2 * u :] + r * hu[:, 2 * u :], self.activation)
            else:
                rz = z[:, : 2 * u] + h @ self.recurrent_kernel[:, : 2 * u]
                zt, r = activate(rz[:, :u], self.gate), activate(rz[:, u:], self.gate)
                hh = activate(z[:, 2 * u :] + (r * h) @ self.recurrent_kernel[:, 2 * u :], self.activation)
                h = zt * h + (1 - zt) * hh
            outputs.append(h)
        if not self.return_sequences:
            return h
        if self.go_backwards:
            outputs.reverse()
        return torch.stack(outputs, dim=1)


class KerasBidirectional(nn.Module):
    def __init__(self, cell, features, units, merge_mode, gate, return_sequences, dropout, reset_after=False):
        super().__init__()
        args = dict(gate=gate, return_sequences=return_sequences, dropout=dropout, reset_after=reset_after)
        self.forward_layer = KerasRecurrent(cell, features, units, **args)
        self.backward_layer = KerasRecurrent(cell, features, units, go_backwards=True, **args)
        self.merge_mode = merge_mode

    def forward(self, x):
        a, b = self.forward_layer(x), self.backward_layer(x)
        if self.merge_mode == "concat":
            return torch.cat([a, b], dim=-1)
        if self.merge_mode == "sum":
            return a + b
        if self.merge_mode == "mul":
            return a * b
        return (a + b) / 2


class KerasMultiHeadAttention(nn.Module):
    """Keras's MultiHeadAttention with Keras's weights, the projections written out (torch.nn.MultiheadAttention
    packs them differently): query/key/value kernels (features, heads, size) with biases (heads, size), output
    kernel (heads, value_dim, out) with bias (out,). Called as (query, value); the key is the value.
    """

    def __init__(self, query_features, value_features, num_heads, key_dim, value_dim, output_dim, use_bias=True, dropout=0.0):
        super().__init__()
        h = num_heads
        self.key_dim = key_dim
        self.query_kernel = nn.Parameter(torch.empty(query_features, h, key_dim))
        self.key_kernel = nn.Parameter(torch.empty(value_features, h, key_dim))
        self.value_kernel = nn.Parameter(torch.empty(value_features, h, value_dim))
        self.output_kernel = nn.Parameter(torch.empty(h, value_dim, output_dim))
        for k in (self.query_kernel, self.key_kernel, self.value_kernel, self.output_kernel):
            nn.init.xavier_uniform_(k)
        bias = (lambda *s: nn.Parameter(torch.zeros(*s))) if use_bias else (lambda *s: None)
        self.query_bias, self.key_bias = bias(h, key_dim), bias(h, key_dim)
        self.value_bias, self.output_bias = bias(h, value_dim), bias(output_dim)
        self.dropout = nn.Dropout(dropout)

    @staticmethod
    def _project(x, kernel, bias):
        y = torch.einsum("btf,fhd->bhtd", x, kernel)
        return y if bias is None else y + bias.unsqueeze(1)

    def forward(self, query, value):
        q = self._project(query, self.query_kernel, self.query_bias) / self.key_dim**0.5
        k = self._project(value, self.key_kernel, self.key_bias)
        v = self._project(value, self.value_kernel, self.value_bias)
        weights = self.dropout(torch.softmax(q @ k.transpose(-1, -2), dim=-1))
        y = torch.einsum("bhtd,hdo->bto", weights @ v, self.output_kernel)
        return y if self.output_bias is None else y + self.output_bias


def keras_init(module):
    """Keras's default initialisation: Glorot-uniform kernels, zero biases, U(-0.05, 0.05) embeddings."""
    for m in module.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.uniform_(m.weight, -0.05, 0.05)


def load_arrays(folder):
    """{weight name: numpy array} from Deepwire's weights.json + weights/*.npy."""
    with open(os.path.join(folder, "weights.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    if manifest.get("format") != "deepwire-npy-weights":
        raise ValueError(f"{folder}/weights.json was not written by Deepwire")
    return {w["name"]: np.load(os.path.join(folder, w["file"])) for layer in manifest["layers"] for w in layer["weights"]}


def t(array):
    return torch.from_numpy(np.ascontiguousarray(array, dtype=np.float32))
`;
