# publish with INT sent to its process group mid-way (after the results
# are moved into runs/, while it removes stale links): the test of
# tests/publish/group-signal. Prints how publish ended.
import os, signal, subprocess, sys, time
publish, out = sys.argv[1], sys.argv[2]
p = subprocess.Popen([publish, out, out + "/.noegletal/r", "77"], start_new_session=True)
runs = out + "/runs"
while not any(n.endswith(".77") for n in os.listdir(runs)):
    if p.poll() is not None:
        sys.exit("publish ended before it moved the results")
os.kill(p.pid, signal.SIGSTOP)
def state():
    with open("/proc/%d/stat" % p.pid) as f:
        return f.read().rsplit(")", 1)[1].split()[0]
deadline = time.time() + 5
while state() not in "TZ" and time.time() < deadline:
    time.sleep(0.001)
state = state()
print("stopped mid-way" if state == "T" else "not caught: " + state)
os.killpg(p.pid, signal.SIGINT)
os.kill(p.pid, signal.SIGCONT)
r = p.wait()
print("exit", r if r >= 0 else "by signal %d" % -r)
