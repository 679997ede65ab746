/*
 * stages: one stage of a keyfigures run: its filters started side by side,
 * waited for, the rest ended once one fails, and the stage's messages
 * passed on. keyfigures' own helper (PREFIX/libexec/noegletal), not a
 * user's command.
 *
 *   stages NAME LOG < PLAN
 *
 * PLAN, written by keyfigures, is words each ended by a NUL byte (a path
 * may hold any byte but NUL, and no word is parsed as shell code):
 *
 *   fifo PATH                  a fifo (0600), made before any filter starts
 *   low                        the filters after it at nice 19: they take
 *                              what the others leave of a core, and still
 *                              go on on a machine busy with other work
 *   run TAG IN OUT N ARG...    a filter: the program ARG (looked up in PATH)
 *                              with the N - 1 words after it as its arguments,
 *                              its input IN, its output OUT (created, or a
 *                              fifo), its errors appended to LOG
 *   end                        the plan is whole: one cut short is an error
 *
 * A filter opens OUT before IN, so one that cannot start never leaves its
 * neighbour on a fifo blocked; a file OUT is created before the filter is
 * started. What cannot be made (a fifo, OUT or LOG on a full disk) or
 * started (a fork failing: ulimit -u) fails the stage, and no later filter
 * of it starts. Once a filter fails (exit not 0, or a signal) the others
 * get 0.1 s to end with their own messages, then TERM every 0.05 s and
 * after 1 s KILL: a reader that died before it opened its input would
 * leave its writer blocked. Each filter is its own process group, and the
 * signals go to the group: a script's children (the manifest's openssl)
 * end with it. TERM (and HUP, and INT unless it was ignored
 * when stages started) ends the filters so and exits 143, saying nothing
 * (after the filters have ended too: no messages or "done" follow it);
 * stages ends so when its parent (the run's shell, RUN-PID when given)
 * dies, and a filter is killed when stages is; a shell that died before
 * stages began (its parent then init) ends it at once (review W, W7).
 *
 * Once every filter has ended, the stage's messages (LOG) are printed,
 * each "keyfigures: [NAME] LINE", but a quality warning, which is the run's
 * own ("keyfigures: warning: ..."; those of the stage quality-rows are
 * left out: they are checked again when the rows are merged), then
 * "keyfigures: stage NAME done in S s" and exit 0, or "keyfigures: stage
 * NAME FAILED after S s: TAG:exit N ... could not make F ..." and exit 1,
 * "(the first)" after the one the others failed after where several did
 * (first_cause()).
 * A filter ended by signal S shows exit 128 + S, as the shell shows it.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SYNOPSIS "stages name log [run-pid] < plan"
#define GRACE_MS 100	/* after a failure, before the others are ended */
#define TICK_MS 50	/* between two signals to a filter that has not ended */
#define TERMS 20	/* TERMs before KILL */
#define MAX_PLAN (1 << 20)
#define MAX_WORDS 8192
#define MAX_FILTERS 256

/* A filter of the plan, and once started its process. */
struct filter {
	const char *tag;	/* its name in messages */
	const char *in, *out;
	char **argv;		/* NULL-ended, in the plan's words */
	pid_t pid;		/* 0 before it starts and once it has ended */
	int status;		/* its exit status, as the shell shows it */
	int low;		/* started at nice 19 */
};

static struct filter filters[MAX_FILTERS];
static int first_failed = -1;	/* the filter reaped first of those that failed */
static size_t argv_end[MAX_FILTERS];	/* the plan's word after each filter's */
static int nfilters, nstarted;
static const char *fifos[MAX_FILTERS];
static int nfifos;
static char cant[2048];		/* what could not be made or started */
static const int stop_signals[] = { SIGTERM, SIGHUP, SIGINT };
static struct sigaction old_action[3];
static sigset_t old_mask;
static pid_t self;
static const char *log_path;	/* LOG, in the run's work folder */
static size_t work_len;		/* its folder's length with the '/', 0 none */

static long
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000;
}

static void
add_cant(const char *what, const char *why)
{
	size_t n = strlen(cant);

	if (why == NULL)
		snprintf(cant + n, sizeof cant - n, " could not make %s", what);
	else
		snprintf(cant + n, sizeof cant - n, " could not start a process for %s (%s; see ulimit -u)", what, why);
}

static const char *
base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "stages: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

/*
 * The plan from standard input into fifos and filters, every word checked
 * before anything is made or started. In static arrays: nothing of the
 * heap is shared with a child between its fork and its exec (a page
 * written by either is copied then, a dear fault on a virtual machine).
 */
static void
read_plan(void)
{
	static char buf[MAX_PLAN];
	static char *w[MAX_WORDS];
	size_t len = 0, nw = 0, i, n;
	ssize_t got;
	char *end;
	int low = 0;

	while ((got = read(0, buf + len, sizeof buf - len)) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			die("the plan: %s", strerror(errno));
		if ((len += (size_t)got) == sizeof buf)
			die("the plan: longer than %d bytes", MAX_PLAN - 1);
	}
	if (len < 4 || memcmp(buf + len - 4, "end", 4) != 0 || (len > 4 && buf[len - 5] != '\0'))
		die("the plan is cut short (no end)");
	for (i = 0; i < len; i += strlen(buf + i) + 1) {
		if (nw == MAX_WORDS)
			die("the plan: more than %d words", MAX_WORDS);
		w[nw++] = buf + i;
	}
	for (i = 0; strcmp(w[i], "end") != 0; ) {
		if (strcmp(w[i], "low") == 0) {
			low = 1;
			i++;
			continue;
		}
		if (strcmp(w[i], "fifo") == 0 && i + 2 < nw && nfifos < MAX_FILTERS) {
			fifos[nfifos++] = w[i + 1];
			i += 2;
			continue;
		}
		n = strtoul(i + 5 < nw ? w[i + 4] : "0", &end, 10);
		if (strcmp(w[i], "run") != 0 || i + 5 >= nw || *end != '\0' || n < 1 ||
		    n >= nw - i - 5 || nfilters == MAX_FILTERS)
			die("a bad plan: \"%s\" where a fifo, a run or the end was", w[i]);
		filters[nfilters++] = (struct filter){ w[i + 1], w[i + 2], w[i + 3], w + i + 5, 0, 0, low };
		i += 5 + n;
		argv_end[nfilters - 1] = i;
	}
	if (i != nw - 1)
		die("a bad plan: words after its end");
	/* Each filter's words end where the next word of the plan begins. */
	for (n = 0; n < (size_t)nfilters; n++)
		w[argv_end[n]] = NULL;
}

/* In the child: the signals as stages found them, the files, the program. */
static void __attribute__((noreturn))
child(const struct filter *f, int out_fd, int log_fd)
{
	struct stat st;
	int fd, i;

	for (i = 0; i < 3; i++)
		sigaction(stop_signals[i], &old_action[i], NULL);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	/* Killed with stages (a KILL after its parent's TERM went unheard). */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != self)
		_exit(137);
	setpgid(0, 0);	/* its own group, its children in it: ended with it */
	if (f->low)	/* raising one's own nice is never refused */
		(void)setpriority(PRIO_PROCESS, 0, 19);
	dup2(log_fd, 2);
	if (out_fd < 0 && (out_fd = open(f->out, O_WRONLY)) < 0) {
		dprintf(2, "%s: cannot open %s: %s\n", f->tag, f->out, strerror(errno));
		_exit(2);
	}
	dup2(out_fd, 1);
	if ((fd = open(f->in, O_RDONLY)) < 0) {
		dprintf(2, "%s: cannot open %s: %s\n", f->tag, f->in, strerror(errno));
		_exit(2);
	}
	dup2(fd, 0);
	/* An input as delivered, not a fifo nor a file of the work folder
	 * (LOG's): its rows' messages name it, not <stdin> (review AF, AF5) */
	if (fstat(0, &st) == 0 && S_ISREG(st.st_mode) &&
	    (work_len == 0 || strncmp(f->in, log_path, work_len) != 0))
		setenv("NOEGLETAL_STDIN", f->in, 1);
	else
		unsetenv("NOEGLETAL_STDIN");
	/* A path (every filter's) by execv: execvp runs a file the system
	 * cannot (ENOEXEC: an empty one, a copy cut short) with /bin/sh, and
	 * an empty report so "succeeded", its run published without reports. */
	if (strchr(f->argv[0], '/'))
		execv(f->argv[0], f->argv);
	else
		execvp(f->argv[0], f->argv);
	dprintf(2, "%s: cannot run %s: %s\n", f->tag, f->argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

/*
 * Start a filter: its OUT, when not a fifo, is created here (the child
 * opens a fifo, which blocks until the reader opens it). 0 when it could
 * not be, said in cant.
 */
static int
start(struct filter *f, int log_fd)
{
	struct stat st;
	int out_fd = -1;

	if (stat(f->out, &st) != 0 || !S_ISFIFO(st.st_mode)) {
		out_fd = open(f->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (out_fd < 0) {
			add_cant(base(f->out), NULL);
			return 0;
		}
	}
	f->pid = fork();
	if (f->pid == 0)
		child(f, out_fd, log_fd);
	if (f->pid > 0)
		setpgid(f->pid, f->pid);	/* as the child does: either may come first */
	if (out_fd >= 0)
		close(out_fd);
	if (f->pid < 0) {
		f->pid = 0;
		add_cant(f->tag, strerror(errno));
		return 0;
	}
	nstarted++;
	return 1;
}

/*
 * The filter the others failed after (review AF, AF3): the first in the
 * stage's order that failed of itself, not by a broken pipe or the stop
 * signals stages sends, else the first reaped. The first reaped alone
 * named a filter at random: those after a failed one fail at once on its
 * empty output, and were often reaped before it (review AI, AI3).
 */
static int
first_cause(void)
{
	int i, st;

	for (i = 0; i < nstarted; i++)
		if ((st = filters[i].status) != 0 && st != 128 + SIGPIPE &&
		    st != 128 + SIGTERM && st != 128 + SIGKILL)
			return i;
	return first_failed;
}

/* Reap the filters that have ended; 1 when one of them failed. */
static int
reap(void)
{
	int st, i, bad = 0;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		for (i = 0; i < nstarted; i++)
			if (filters[i].pid == pid) {
				/* a filter ended by a signal as it forked (the manifest
				 * starting date): what its group still holds goes too */
				if (WIFSIGNALED(st))
					kill(-pid, SIGKILL);
				filters[i].pid = 0;
				filters[i].status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
				bad |= filters[i].status != 0;
				if (filters[i].status != 0 && first_failed < 0)
					first_failed = i;
			}
	return bad;
}

/*
 * Send sig (0: none) to the filters still running, each with its process
 * group: a filter that is a script (the manifest) takes its own children
 * (openssl) with it. How many they are.
 */
static int
signal_running(int sig)
{
	int i, n = 0;

	for (i = 0; i < nstarted; i++)
		if (filters[i].pid) {
			n++;
			if (sig && kill(-filters[i].pid, sig) != 0)
				kill(filters[i].pid, sig);
		}
	return n;
}

/*
 * Wait for every filter. From end_at on (a failure's grace ended, or a
 * stop signal) the running ones are sent TERM each tick, KILL after TERMS
 * ticks. Returns the stop signal, or 0.
 */
static int
wait_all(const sigset_t *wanted, long end_at)
{
	struct timespec tick = { 0, TICK_MS * 1000000L };
	int sig, stop = 0, ends = 0;

	for (;;) {
		if (reap() && !end_at)
			end_at = now_ms() + GRACE_MS;
		if (signal_running(0) == 0)
			return stop;
		if (end_at && now_ms() >= end_at) {
			signal_running(ends++ < TERMS ? SIGTERM : SIGKILL);
			end_at = now_ms() + TICK_MS;
		}
		sig = sigtimedwait(wanted, NULL, end_at ? &tick : NULL);
		if (sig > 0 && sig != SIGCHLD && !stop) {
			stop = sig;
			end_at = now_ms();
			ends = 0;
		}
	}
}

/*
 * Has a stop signal come since the filters ended? It is blocked, so it
 * waits, pending (an ignored one is discarded). The stage then ends as it
 * does when the signal comes while its filters run: exit 143, nothing more
 * said. Before, the stage went on: its messages and "stage NAME done"
 * came after keyfigures' "stopped by SIGTERM", and it exited 0.
 */
static int
stop_pending(void)
{
	sigset_t pending;
	int i;

	if (sigpending(&pending) != 0)
		return 0;
	for (i = 0; i < 3; i++)
		if (sigismember(&pending, stop_signals[i]))
			return 1;
	return 0;
}

/* The stage's messages, as the run says them; 0 when a stop signal came. */
static int
pass_messages(const char *name, const char *log)
{
	static const char warning[] = "quality: warning: ", folder_said[] = "keyfigures: DREAM "
	    "is one table of every week the cut dates' windows need: a folder dream/ of files a "
	    "year each is not\n";
	FILE *f = fopen(log, "r");
	char *line = NULL, *hint;
	size_t cap = 0;
	ssize_t n;
	int dream_said = 0;

	if (f == NULL)
		return !stop_pending();
	while ((n = getline(&line, &cap, f)) > 0) {
		if (stop_pending())
			break;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (strncmp(line, warning, sizeof warning - 1) == 0) {
			if (strcmp(name, "quality-rows") != 0)
				fprintf(stderr, "keyfigures: warning: %s\n", line + sizeof warning - 1);
			continue;
		}
		/* keyfigures has no -w: the filter's hint, run alone, left out */
		if (strncmp(line, "join-dream: ", 12) == 0 && (hint = strstr(line,
		    " (-w allows a shorter window)")) != NULL)
			*hint = '\0';
		fprintf(stderr, "keyfigures: [%s] %s\n", name, line);
		if (strncmp(line, "sas2tsv: ", 9) == 0 &&
		    strstr(line, "': not UTF-8") != NULL)
			fprintf(stderr, "keyfigures: -E is the WHO-5 export's encoding only: convert this SAS dataset by hand\n"
			    "keyfigures: with its real encoding, sas2tsv -e ENCODING FILE > input-dir/NAME.tsv.gz, in its place\n");
		/* review G, G3: whichever of the two says it first (the other is
		 * ended); of a folder dream/ alone, which keyfigures names (review
		 * T, T4), the folder's (a race of the two in make check) */
		if (!dream_said && strncmp(line, "import: ", 8) == 0 &&
		    strstr(line, "(other weeks: DREAM") != NULL) {
			fputs(folder_said, stderr);
			dream_said = 1;
		}
		if (!dream_said && strncmp(line, "join-dream: ", 12) == 0 &&
		    strstr(line, ": no column y_") != NULL) {
			if (getenv("NOEGLETAL_DREAM_FOLDER"))	/* keyfigures: dream/ */
				fputs(folder_said, stderr);
			else
				fprintf(stderr, "keyfigures: DREAM is one table of every week the cut "
				    "dates' windows need (not a folder dream/ of files a year), and this "
				    "week is not in it: give a range (-f, -t) whose cut dates' windows it "
				    "holds\n");
			dream_said = 1;
		}
		/* import's hint for its own -e, which keyfigures has for WHO-5 alone
		 * (review Y, Y6), of a header or a row's value (review AC, AC6) */
		if (strstr(line, "is not UTF-8: name the file's encoding with -e") != NULL ||
		    strstr(line, "not UTF-8: the file is in another encoding (import -e") != NULL)
			fprintf(stderr, "keyfigures: -E is the WHO-5 export's encoding only: convert any other input to UTF-8 first, in its place (iconv -f WINDOWS-1252 -t UTF-8, or import -e ENCODING -R REGISTER FILE > input-dir/REGISTER.tsv)\n");
		if (strstr(line, "import -e UTF-16)") != NULL)	/* a filter's hint, run alone */
			fprintf(stderr, "keyfigures: for the WHO-5 export that is -E UTF-16; any other input, convert to UTF-8 first (iconv -f UTF-16 -t UTF-8)\n");
	}
	free(line);
	fclose(f);
	return !stop_pending();
}

int
main(int argc, char **argv)
{
	static char errbuf[1 << 16];
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	struct stat st;
	sigset_t wanted;
	char failed[4096] = "";
	const char *name, *slash;
	long t0 = now_ms(), end_at = 0, d;
	pid_t parent = getppid();
	int log_fd, i, cause, nfailed = 0;

	umask(077);
	/*
	 * A standard stream the caller closed would be the next file opened:
	 * the log as standard error would be read while its own lines are
	 * added to it. /dev/null holds its place.
	 */
	for (i = 0; i <= 2; i++)
		if (fcntl(i, F_GETFD) == -1 && open("/dev/null", i ? O_WRONLY : O_RDONLY) != i)
			return 1;
	if (argc < 3 || argc > 4 || (argc == 4 && (parent = (pid_t)atol(argv[3])) < 1)) {
		fprintf(stderr, "usage: %s\n", SYNOPSIS);
		return 2;
	}
	name = argv[1];
	log_path = argv[2];
	slash = strrchr(log_path, '/');
	work_len = slash ? (size_t)(slash - log_path + 1) : 0;
	self = getpid();
	/* One write a line: the stages beside this one write to the same stderr. */
	setvbuf(stderr, errbuf, _IOLBF, sizeof errbuf);
	/* The stop signals and the children's ends are taken by sigtimedwait. */
	sigemptyset(&wanted);
	sigaddset(&wanted, SIGCHLD);
	for (i = 0; i < 3; i++) {
		sigaction(stop_signals[i], NULL, &old_action[i]);
		if (old_action[i].sa_handler != SIG_IGN)
			sigaddset(&wanted, stop_signals[i]);
	}
	sigprocmask(SIG_BLOCK, &wanted, &old_mask);
	sigaction(SIGCHLD, &dfl, NULL);	/* never ignored: the filters are waited for */
	/* Ended with the run's shell (a kill -9 of keyfigures leaves no filter). */
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != parent)
		return 143;
	read_plan();
	for (i = 0; i < nfifos; i++)
		if (mkfifo(fifos[i], 0666) != 0 && (stat(fifos[i], &st) != 0 || !S_ISFIFO(st.st_mode)))
			add_cant(base(fifos[i]), NULL);
	log_fd = open(log_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (log_fd < 0)
		add_cant(base(log_path), NULL);
	for (i = 0; !cant[0] && i < nfilters; i++)
		if (!start(&filters[i], log_fd))
			end_at = now_ms() + GRACE_MS;
	if (wait_all(&wanted, end_at))
		return 143;
	for (i = 0; i < nstarted; i++)
		nfailed += filters[i].status != 0;
	cause = first_cause();
	for (i = 0; i < nstarted; i++)
		if (filters[i].status != 0)
			snprintf(failed + strlen(failed), sizeof failed - strlen(failed), " %s:exit %d%s",
			    filters[i].tag, filters[i].status, nfailed > 1 && i == cause ?
			    " (the first)" : "");
	snprintf(failed + strlen(failed), sizeof failed - strlen(failed), "%s", cant);
	if (!pass_messages(name, log_path))
		return 143;
	d = (now_ms() - t0 + 50) / 100;
	if (!failed[0]) {
		fprintf(stderr, "keyfigures: stage %s done in %ld.%ld s\n", name, d / 10, d % 10);
		return 0;
	}
	if (stat(log_path, &st) != 0 || st.st_size == 0)
		fprintf(stderr, "keyfigures: [%s] no message kept (a filter killed, or the disk full)\n", name);
	fprintf(stderr, "keyfigures: stage %s FAILED after %ld.%ld s:%s\n", name, d / 10, d % 10, failed);
	return 1;
}
