/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-error-private.h"

/**
 * mysql_binlog_error_quark:
 *
 * The quark of the %MYSQL_BINLOG_ERROR domain.
 *
 * Returns: the error domain quark
 *
 * Since: 1.0
 */
G_DEFINE_QUARK (mysql-binlog-error-quark, mysql_binlog_error)

gboolean
_mysql_binlog_set_corrupt (GError     **error,
                           const char  *format,
                           ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;
  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (MYSQL_BINLOG_ERROR,
                                                MYSQL_BINLOG_ERROR_CORRUPT_EVENT,
                                                format, args));
  va_end (args);
  return FALSE;
}

char *
_mysql_binlog_quote_text (const char *text,
                          gssize      length,
                          gsize       max_bytes)
{
  GString *out;
  gsize n;

  if (text == NULL)
    return g_strdup ("");
  n = length < 0 ? strlen (text) : (gsize) length;
  out = g_string_sized_new (MIN (n, max_bytes) + 8);
  for (gsize i = 0; i < n && i < max_bytes; i++)
    {
      guchar c = (guchar) text[i];

      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c >= 0x20 && c < 0x7f)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\x%02x", c);
    }
  if (n > max_bytes)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}
