import { describe, expect, it } from 'vitest';
import { splitCommand } from '../../src/smtp/split-command.js';

describe('the token command without a shell', () => {
  it('splits words, groups quotes and keeps Windows paths whole', () => {
    expect(splitCommand('az account get-access-token --resource https://outlook.office365.com --query accessToken -o tsv')).toEqual({
      argv: ['az', 'account', 'get-access-token', '--resource', 'https://outlook.office365.com', '--query', 'accessToken', '-o', 'tsv'],
      needsShell: false,
    });
    expect(splitCommand('"C:\\Program Files\\Tools\\get-token.exe" --tenant \'my tenant\' C:\\keys\\app.pem')).toEqual({
      argv: ['C:\\Program Files\\Tools\\get-token.exe', '--tenant', 'my tenant', 'C:\\keys\\app.pem'],
      needsShell: false,
    });
    expect(splitCommand('node -e "console.log(\\"tok\\")" ""')).toEqual({ argv: ['node', '-e', 'console.log("tok")', ''], needsShell: false });
  });

  it('needs a shell for pipes, redirections, variables and the like, outside quotes only', () => {
    for (const command of ['cat token | tr -d x', 'get > out', 'echo $TOKEN', 'a; b', 'a && b', 'cat ~/token', 'echo `x`', 'echo "open'])
      expect(splitCommand(command).needsShell).toBe(true);
    expect(splitCommand('node -e \'process.stdout.write("a|b")\'').needsShell).toBe(false);
  });
});
