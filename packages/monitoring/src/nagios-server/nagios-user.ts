/** The account Nagios runs as on Debian and EL (its checks and notifications too). */
export const NAGIOS_USER = 'nagios';
