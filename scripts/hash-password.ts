import { hashPassword } from '../server/auth/passwords.ts';

const password = process.argv[2];
if (!password) {
  console.error('usage: npm run hash-password -- <password>');
  process.exit(2);
}
console.log(await hashPassword(password));
