/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-error.h"

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
