/*
 * jobs: the files of a report run (-d, every municipality) written by
 * several processes (-j). The model is built once; each worker is a fork
 * of it that writes every n-th municipality's files, so the workbooks,
 * most of a national run's time, use every core. A worker that fails has
 * said why; the first process then fails too. A worker dies with the
 * first process (a signal to it reaches them all).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* sched_getaffinity */
#endif
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "report.h"
#include "util.h"

static pid_t workers[JOBS_MAX];
static int nworkers;

static void
stop_workers(int sig)
{
	int i;

	for (i = 0; i < nworkers; i++)
		kill(workers[i], SIGTERM);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* The cores this process may run on (as nproc(1) counts them), at most JOBS_MAX. */
int
jobs_cores(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof set, &set) != 0 || (n = CPU_COUNT(&set)) < 1)
		return 1;
	return n < JOBS_MAX ? n : JOBS_MAX;
}

/*
 * Start n - 1 workers; returns this process's number (0: the first).
 * Signals wait while they are forked, so that a worker never runs the
 * first process's handler.
 */
int
jobs_start(int n)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM };
	pid_t first = getpid(), pid;
	sigset_t all, old;
	int w, i;

	if (n <= 1)
		return 0;
	if (fflush(stdout) != 0)
		die("<stdout>: write error: %s", strerror(errno));
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < 3; i++)
		signal(sigs[i], stop_workers);
	signal(SIGCHLD, SIG_DFL);	/* ignored (a caller's, inherited), a worker's status would be lost */
	for (w = 1; w < n; w++) {
		if ((pid = fork()) < 0)
			die("cannot start a worker: %s", strerror(errno));
		if (pid == 0) {
			nworkers = 0;
			for (i = 0; i < 3; i++)
				signal(sigs[i], SIG_DFL);
			if (prctl(PR_SET_PDEATHSIG, SIGTERM) != 0 || getppid() != first)
				_exit(1);	/* the first process is gone already */
			sigprocmask(SIG_SETMASK, &old, NULL);
			return w;
		}
		workers[nworkers++] = pid;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return 0;
}

/* A worker's end (exit 0), or the first process's wait for every worker. */
void
jobs_end(int w)
{
	int i, st, failed = 0, n = nworkers + 1;

	if (w > 0)
		exit(0);
	for (i = 0; i < nworkers; i++) {
		while (waitpid(workers[i], &st, 0) < 0)
			if (errno != EINTR)
				die("waiting for a worker: %s", strerror(errno));
		failed += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	nworkers = 0;
	if (failed)
		die("%d of the %d processes writing the reports failed", failed, n);
}
