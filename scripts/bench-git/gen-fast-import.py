import sys
n = int(sys.argv[1]); out = sys.stdout.buffer
for i in range(1, n + 1):
    body = (f"line {i}\n" * (1 + i % 7)).encode()
    out.write(b"blob\nmark :%d\ndata %d\n%s\n" % (2 * i, len(body), body))
    a = i % 50
    msg = f"commit {i}\n\nCo-authored-by: P{(a+1)%50} <p{(a+1)%50}@example.com>\n".encode()
    out.write(b"commit refs/heads/main\nmark :%d\n" % (2 * i + 1))
    out.write(b"author P%d <p%d@example.com> %d +0000\n" % (a, a, 1_500_000_000 + i))
    out.write(b"committer P%d <p%d@example.com> %d +0000\n" % (a, a, 1_500_000_000 + i))
    out.write(b"data %d\n%s" % (len(msg), msg))
    if i > 1: out.write(b"from :%d\n" % (2 * i - 1))
    out.write(b"M 100644 :%d f%d.txt\n\n" % (2 * i, i % 100))
