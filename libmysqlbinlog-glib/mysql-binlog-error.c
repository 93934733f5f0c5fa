/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

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
