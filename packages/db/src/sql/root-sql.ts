/**
 * `sql ARGS...` in the tier's scripts: the client as root over the local socket (unix_socket
 * authentication, as the distribution ships it), no column names, tab-separated: no password anywhere.
 */
export const ROOT_SQL_FUNCTION = 'sql() { mariadb --protocol=socket -N -B "$@"; }';
