"""Run a command in a pseudo-terminal and answer it like a person would.

Reads a JSON spec on stdin: {"cmd": [...], "env": {...}, "steps": [{"wait": "text", "send": "keys"}], "timeout": s}.
Each step waits until `wait` has appeared in the output since the previous step, then types `send`.
Prints {"code": exit code, "output": everything the terminal showed, "missed": step index or null} as JSON.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

spec = json.load(sys.stdin)
deadline = time.time() + spec.get("timeout", 30)
pid, fd = pty.fork()
if pid == 0:
    os.execvpe(spec["cmd"][0], spec["cmd"], {**os.environ, **spec.get("env", {})})

# A wide terminal, so that prompts are not wrapped in the middle of the text the steps wait for.
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 200, 0, 0))
out = b""
def pump(wait):
    global out
    r, _, _ = select.select([fd], [], [], wait)
    if not r:
        return True
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        return False
    if not chunk:
        return False
    out += chunk
    return True

missed = None
seen = 0
for i, step in enumerate(spec["steps"]):
    needle = step["wait"].encode()
    while out.find(needle, seen) < 0:
        if time.time() > deadline or not pump(0.05):
            missed = i
            break
    if missed is not None:
        break
    seen = out.find(needle, seen) + len(needle)
    time.sleep(step.get("pause", 0.05))
    os.write(fd, step["send"].encode())

while time.time() < deadline and pump(0.1):
    pass
try:
    _, status = os.waitpid(pid, os.WNOHANG if time.time() > deadline else 0)
except ChildProcessError:
    status = 0
if time.time() > deadline:
    os.kill(pid, signal.SIGKILL)
code = os.waitstatus_to_exitcode(status) if status else 0
print(json.dumps({"code": code, "output": out.decode("utf-8", "replace"), "missed": missed}))
