# shellcheck shell=bash
# Sourceable helper: free_port prints a TCP port on 127.0.0.1 that nothing listens on right now.

free_port() {
    local port i
    if command -v python3 >/dev/null 2>&1; then
        if port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' 2>/dev/null) && [[ -n $port ]]; then
            printf '%s\n' "$port"
            return 0
        fi
    fi
    # Fallback without python3: a random high port that refuses connections.
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    echo "free_port: found no free port on 127.0.0.1" >&2
    return 1
}
