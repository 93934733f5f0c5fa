/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

/*
 * A throwaway MariaDB server for one test program, started and stopped by
 * tests/mariadb-server.sh.  The server belongs to the test process: a
 * watchdog kills it if the test dies without stopping it.
 */
typedef struct _TestServer TestServer;

TestServer        *test_server_start        (const char * const *extra_args);
void               test_server_stop         (TestServer         *server);
void               test_server_restart      (TestServer         *server);

const char        *test_server_get_socket   (TestServer         *server);
guint              test_server_get_port     (TestServer         *server);
const char        *test_server_get_dir      (TestServer         *server);
GPid               test_server_get_pid      (TestServer         *server);

gboolean           test_server_sql          (TestServer         *server,
                                             const char         *sql,
                                             GError            **error);
gboolean           test_server_sqlf         (TestServer         *server,
                                             GError            **error,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (3, 4);
char              *test_server_query_value  (TestServer         *server,
                                             const char         *sql,
                                             GError            **error);
GBytes            *test_server_query_bytes  (TestServer         *server,
                                             const char         *sql,
                                             GError            **error);
MysqlBinlogPosition *test_server_master_position (TestServer    *server);

MysqlBinlogStream *test_server_new_stream   (TestServer         *server);

void               test_server_exec         (TestServer         *server,
                                             const char         *sql);

/* Kills the server's binlog dump thread (the connection of a replica),
 * waiting up to @timeout_s seconds for one to exist: its connection id,
 * or NULL when none came. */
char              *test_server_kill_dump_thread (TestServer     *server,
                                                 guint           timeout_s);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_stop)

G_END_DECLS
