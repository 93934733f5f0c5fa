/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Runs one program and reports what it cost, from wait4():
 *
 *   bench-spawn STDOUT-FILE PROGRAM [ARGUMENTS...]
 *
 * prints "status=N wall=S user=S sys=S maxrss_kib=N" on its own stdout once
 * PROGRAM has exited.  PROGRAM's stdout goes to STDOUT-FILE (/dev/null to
 * drop it); its stderr is ours.
 *
 * Why a C program: Linux carries a process's peak RSS across exec(), so a
 * child forked from a big interpreter reports the interpreter's RSS as its
 * own peak.  Forked from this small program, the peak is the child's.
 */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int   argc,
      char *argv[])
{
  struct rusage usage;
  double begin, end;
  pid_t pid;
  int status = 0;
  int out;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-spawn STDOUT-FILE PROGRAM [ARGUMENTS...]\n");
      return 2;
    }

  out = open (argv[1], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0)
    {
      fprintf (stderr, "bench-spawn: cannot open %s: %s\n", argv[1], strerror (errno));
      return 2;
    }

  begin = now ();
  pid = fork ();
  if (pid < 0)
    {
      fprintf (stderr, "bench-spawn: fork failed: %s\n", strerror (errno));
      return 2;
    }
  if (pid == 0)
    {
      if (dup2 (out, STDOUT_FILENO) < 0)
        _exit (126);
      execvp (argv[2], argv + 2);
      fprintf (stderr, "bench-spawn: cannot run %s: %s\n", argv[2], strerror (errno));
      _exit (127);
    }
  close (out);

  while (wait4 (pid, &status, 0, &usage) < 0)
    {
      if (errno != EINTR)
        {
          fprintf (stderr, "bench-spawn: wait4 failed: %s\n", strerror (errno));
          return 2;
        }
    }
  end = now ();

  printf ("status=%d wall=%.6f user=%.6f sys=%.6f maxrss_kib=%ld\n",
          WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status),
          end - begin,
          usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
          usage.ru_maxrss);
  return 0;
}
