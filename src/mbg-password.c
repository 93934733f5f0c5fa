/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The password of the command line, taken out of it before anyone reads
 * it, and the prompt for it on the terminal. */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <gio/gio.h>

#include "mbg-password.h"

/* The password of the command line. */
typedef struct
{
  char     *value;        /* NULL: none given */
  gboolean  prompt;       /* -p or --password without a value */
} PasswordOption;

static PasswordOption password_option;

/* Overwrites @arg where it lies, in the memory the kernel shows as the
 * process's command line (ps, /proc/PID/cmdline): one 'x' is left, as the
 * mariadb client leaves it, so that ps still shows an argument there. */
static void
scrub_argument (char *arg)
{
  size_t length = strlen (arg);

  if (length == 0)
    return;
  memset (arg, 0, length);
  arg[0] = 'x';
}

static void
set_password (const char *value)
{
  g_free (password_option.value);
  password_option.value = value != NULL ? g_strdup (value) : NULL;
  password_option.prompt = value == NULL;
}

/* --password as GOptionContext would see it: mbg_password_take_arguments()
 * leaves it no password argument, but should one get through it counts
 * the same. */
gboolean
mbg_password_on_option (const char  *option_name,
                        const char  *value,
                        gpointer     data,
                        GError     **error)
{
  set_password (value);
  return TRUE;
}

static const GOptionEntry *
find_option (const GOptionEntry * const *groups,
             const char                 *long_name,
             size_t                      long_name_length,
             char                        short_name)
{
  for (guint i = 0; groups[i] != NULL; i++)
    for (const GOptionEntry *entry = groups[i]; entry->long_name != NULL; entry++)
      if ((long_name != NULL && strlen (entry->long_name) == long_name_length &&
           strncmp (entry->long_name, long_name, long_name_length) == 0) ||
          (long_name == NULL && short_name != 0 && entry->short_name == short_name))
        return entry;
  return NULL;
}

/* Whether GOptionContext takes the next argument as the value of @entry. */
static gboolean
is_password_option (const GOptionEntry *entry)
{
  return entry != NULL && entry->arg == G_OPTION_ARG_CALLBACK &&
         entry->arg_data == (gpointer) mbg_password_on_option;
}

static gboolean
option_takes_next (const GOptionEntry *entry)
{
  return entry != NULL && entry->arg != G_OPTION_ARG_NONE &&
         (entry->flags & (G_OPTION_FLAG_NO_ARG | G_OPTION_FLAG_OPTIONAL_ARG)) == 0;
}

static void
remove_argument (int   *argc,
                 char **argv,
                 int    i)
{
  memmove (&argv[i], &argv[i + 1], (*argc - i) * sizeof (char *));
  (*argc)--;
}

/* Takes every password argument out of @argv before GOptionContext sees
 * it, copies its value and overwrites it in place, so that ps no longer
 * shows it.  As the mariadb client: -pSECRET is the value, -p alone asks
 * for it and the next word is an argument of its own (-p -n is -p, then
 * -n); --password=SECRET and --password SECRET are the value, --password
 * followed by an option or nothing asks for it.  The values of the other
 * options are stepped over (-u -pete is the user "-pete"), as
 * GOptionContext reads them. */
void
mbg_password_take_arguments (int                        *argc,
                             char                      **argv,
                             const GOptionEntry * const *groups)
{
  int i = 1;

  while (i < *argc)
    {
      char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        break;

      if (g_str_has_prefix (arg, "--"))
        {
          char *name = arg + 2;
          char *equals = strchr (name, '=');
          size_t length = equals != NULL ? (size_t) (equals - name) : strlen (name);
          const GOptionEntry *entry = find_option (groups, name, length, 0);

          if (!is_password_option (entry))
            {
              i += (equals == NULL && option_takes_next (entry)) ? 2 : 1;
              continue;
            }
          if (equals != NULL)
            {
              set_password (equals + 1);
              scrub_argument (equals + 1);
            }
          else if (i + 1 < *argc && argv[i + 1][0] != '-')
            {
              set_password (argv[i + 1]);
              scrub_argument (argv[i + 1]);
              remove_argument (argc, argv, i + 1);
            }
          else
            set_password (NULL);
          remove_argument (argc, argv, i);
          continue;
        }

      if (arg[0] == '-' && arg[1] != '\0')
        {
          gboolean skip_next = FALSE;

          for (char *c = arg + 1; *c != '\0'; c++)
            {
              const GOptionEntry *entry = find_option (groups, NULL, 0, *c);

              if (is_password_option (entry))
                {
                  set_password (c[1] != '\0' ? c + 1 : NULL);
                  scrub_argument (c + 1);
                  if (c == arg + 1)
                    {
                      remove_argument (argc, argv, i);
                      i--;
                    }
                  else
                    {
                      /* -np...: -n stays for GOptionContext. */
                      memset (c, 0, strlen (c));
                    }
                  break;
                }
              if (option_takes_next (entry))
                {
                  skip_next = TRUE;
                  break;
                }
            }
          i += skip_next ? 2 : 1;
          continue;
        }
      i++;
    }
}

static struct termios *saved_termios;

static void
on_signal_at_prompt (int signum)
{
  if (saved_termios != NULL)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, saved_termios);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* The password typed on the terminal that stdin is, not echoed. */
char *
mbg_password_ask (GError **error)
{
  struct termios old_termios;
  struct termios quiet;
  struct sigaction action = { 0, };
  struct sigaction old_actions[3];
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  GString *line = g_string_new (NULL);
  gboolean complete = FALSE;
  int saved_errno = 0;

  if (tcgetattr (STDIN_FILENO, &old_termios) != 0)
    {
      int errsv = errno;

      g_string_free (line, TRUE);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   "Cannot read the password from the terminal: %s", g_strerror (errsv));
      return NULL;
    }
  quiet = old_termios;
  quiet.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
  quiet.c_lflag |= ICANON;

  /* A signal at the prompt gives the terminal its echo back. */
  saved_termios = &old_termios;
  action.sa_handler = on_signal_at_prompt;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, &old_actions[i]);

  /* Echo off before the prompt shows: nothing typed after it is echoed. */
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  fputs ("Enter password: ", stderr);
  fflush (stderr);
  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        saved_errno = errno;
      if (n <= 0)
        break;
      if (c == '\n' || c == '\r')
        {
          complete = TRUE;
          break;
        }
      g_string_append_c (line, c);
    }
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &old_termios);
  fputc ('\n', stderr);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &old_actions[i], NULL);
  saved_termios = NULL;

  if (!complete)
    {
      memset (line->str, 0, line->len);
      g_string_free (line, TRUE);
      if (saved_errno != 0)
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                     "Cannot read the password from the terminal: %s",
                     g_strerror (saved_errno));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "No password was entered (end of input at the prompt)");
      return NULL;
    }
  return g_string_free (line, FALSE);
}

/* The password the command line gave, or NULL; in @prompt whether it
 * asked for one on the terminal (-p alone).  The caller takes it. */
char *
mbg_password_steal (gboolean *prompt)
{
  *prompt = password_option.prompt;
  return g_steal_pointer (&password_option.value);
}
