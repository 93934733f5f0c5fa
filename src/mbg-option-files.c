/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The option files: read by the client library itself (mbg-client.c),
 * after a check of the lines it would silently stop at. */

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "mbg-client.h"
#include "mbg-option-files.h"

void
mbg_option_files_clear (MbgOptionFiles *files)
{
  if (files->password != NULL)
    memset (files->password, 0, strlen (files->password));
  g_clear_pointer (&files->host, g_free);
  g_clear_pointer (&files->socket_path, g_free);
  g_clear_pointer (&files->user, g_free);
  g_clear_pointer (&files->password, g_free);
  g_clear_pointer (&files->ssl_ca, g_free);
  g_clear_pointer (&files->ssl_capath, g_free);
  g_clear_pointer (&files->ssl_cert, g_free);
  g_clear_pointer (&files->ssl_key, g_free);
  g_clear_pointer (&files->ssl_cipher, g_free);
}

/* Connector/C stops reading an option file, without an error, at an
 * option before the first [group] or at a [group line without its ']',
 * so that the rest of the file silently does not count: this finds those
 * lines first, in the files the client library reads (the same ones, in
 * the same way, following !include and !includedir's DIR/my.cnf), and
 * makes them an error. */
static gboolean
check_option_file (const char  *path,
                   guint        depth,
                   GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean in_group = FALSE;

  if (depth >= 64 || !g_file_get_contents (path, &contents, NULL, NULL))
    return TRUE;            /* the library stops there as well, or skips it */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      while (g_ascii_isspace (*line))
        line++;
      if (*line == '"' || *line == '\'' || *line == '#' || *line == ';' || *line == '\0')
        continue;
      if (*line == '!')
        {
          g_autofree char *target = NULL;
          const char *space = strchr (line, ' ');

          if (space == NULL)
            continue;
          target = g_strstrip (g_strdup (space + 1));
          if (g_str_has_prefix (line, "!include "))
            {
              if (!check_option_file (target, depth + 1, error))
                return FALSE;
            }
          else if (g_str_has_prefix (line, "!includedir "))
            {
              g_autofree char *file = g_build_filename (target, "my.cnf", NULL);

              if (!check_option_file (file, depth + 1, error))
                return FALSE;
              g_debug ("%s:%u: !includedir %s: the client library reads only %s there",
                       path, i + 1, target, "my.cnf");
            }
          continue;
        }
      if (*line == '[')
        {
          if (strchr (line, ']') == NULL)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s:%u: a [group] without its ']': the client library would "
                           "read no further", path, i + 1);
              return FALSE;
            }
          in_group = TRUE;
          continue;
        }
      if (!in_group)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s:%u: an option before the first [group]: the client library "
                       "would read no further", path, i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/* The files Connector/C reads when given none (ma_default.c). */
static gboolean
check_standard_option_files (GError **error)
{
  const char *home = g_getenv ("MARIADB_HOME");
  g_autofree char *home_file = NULL;
  g_autofree char *user_file = NULL;

  if (home == NULL)
    home = g_getenv ("MYSQL_HOME");
  if (home != NULL)
    home_file = g_build_filename (home, "my.cnf", NULL);
  if (g_getenv ("HOME") != NULL)
    user_file = g_build_filename (g_getenv ("HOME"), ".my.cnf", NULL);
  return check_option_file ("/etc/my.cnf", 0, error) &&
         check_option_file ("/etc/mysql/my.cnf", 0, error) &&
         (home_file == NULL || check_option_file (home_file, 0, error)) &&
         (user_file == NULL || check_option_file (user_file, 0, error));
}

/* The option files read by the client library itself: only @defaults_file
 * (and what it includes) when given, else the standard ones it knows
 * (/etc/my.cnf, /etc/mysql/my.cnf, $MARIADB_HOME/my.cnf, ~/.my.cnf); their
 * [client] groups (Connector/C also [client-server] and [client-mariadb])
 * and [mysqlbinlog-glib].  The library reads them when it connects: the
 * handle is made to connect to the host ",", an empty list of hosts, which
 * fails before any connection is made, and keeps what the files set
 * (CLIENT_REMEMBER_OPTIONS). */

/* Reads the option files the client library reads: only @defaults_file
 * (and what it includes) when given, else the standard ones it knows
 * (/etc/my.cnf, /etc/mysql/my.cnf, $MARIADB_HOME/my.cnf, ~/.my.cnf); their
 * [client] groups and [@group]. */
gboolean
mbg_option_files_read (const char      *defaults_file,
                       const char      *group,
                       MbgOptionFiles  *files,
                       GError         **error)
{
  const char *unsupported = NULL;

  if (defaults_file != NULL)
    {
      FILE *check = fopen (defaults_file, "r");

      if (check == NULL)
        {
          int errsv = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                       "Cannot read --defaults-file %s: %s", defaults_file,
                       g_strerror (errsv));
          return FALSE;
        }
      fclose (check);
    }
  if (mbg_client_stops_at_bad_option_lines () &&
      (defaults_file != NULL ? !check_option_file (defaults_file, 0, error)
                             : !check_standard_option_files (error)))
    return FALSE;

  if (!mbg_client_read_option_files (defaults_file, group, files, &unsupported, error))
    return FALSE;

  /* A check the files ask for and the stream cannot make is an error,
   * not a weaker connection. */
  if (unsupported != NULL)
    {
      mbg_option_files_clear (files);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The option files set %s, which %s does not support "
                   "(use --no-defaults or a --defaults-file without it)", unsupported, group);
      return FALSE;
    }

  g_debug ("Option files (%s): host %s, port %u, socket %s, user %s, %s password",
           defaults_file != NULL ? defaults_file : "the standard ones",
           files->host != NULL ? files->host : "unset", files->port,
           files->socket_path != NULL ? files->socket_path : "unset",
           files->user != NULL ? files->user : "unset",
           files->password != NULL ? "a" : "no");
  return TRUE;
}
