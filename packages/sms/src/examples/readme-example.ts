import { buildSmsRequest, parseSmsResponse, validateSmsSettings, type SmsSettings } from '@hastack/sms';

/** Sends one alert through the configured provider; resolves with the provider's verdict. */
export async function sendAlert(settings: SmsSettings, to: string, text: string) {
  const problems = validateSmsSettings(settings);
  if (problems.length) throw new Error(`sms settings:\n${problems.join('\n')}`);
  const request = buildSmsRequest(settings, { to, text }, new Date(), crypto.randomUUID());
  const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.method === 'GET' ? undefined : request.body });
  return parseSmsResponse(settings.provider, response.status, await response.text());
}
