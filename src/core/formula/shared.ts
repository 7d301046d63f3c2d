/**
 * Repeated sub-expressions of one formula, found once at parse time. Long formulas repeat a
 * computation because Sheets has no local variables (the calendar's slot cells name the same
 * SUMPRODUCT(SMALL(…)) four times); identical subtrees are made one node and marked, so evaluating
 * the formula for a cell computes each of them once (see evaluate.ts).
 */
import type { Ast } from './ast';

const repeated = new WeakSet<Ast>();

/** Whether a node occurs more than once in its formula (worth remembering while the formula is evaluated). */
export function isRepeated(node: Ast): boolean {
  return repeated.has(node);
}

/** The same tree with identical subtrees shared as one node; repeated calls and operations are marked. */
export function shareRepeats(ast: Ast): Ast {
  const canonical = new Map<string, { node: Ast; id: number }>();
  const ids = new Map<Ast, number>();

  const visit = (node: Ast): Ast => {
    let shaped: Ast;
    let key: string;
    const id = (child: Ast): number => ids.get(child) as number;
    switch (node.type) {
      case 'unary': {
        const operand = visit(node.operand);
        shaped = operand === node.operand ? node : { ...node, operand };
        key = `u${node.operator}(${id(operand)})`;
        break;
      }
      case 'binary': {
        const left = visit(node.left);
        const right = visit(node.right);
        shaped = left === node.left && right === node.right ? node : { ...node, left, right };
        key = `b${node.operator}(${id(left)},${id(right)})`;
        break;
      }
      case 'call': {
        const args = node.args.map(visit);
        shaped = args.every((arg, i) => arg === node.args[i]) ? node : { ...node, args };
        key = `c${node.name}(${args.map(id).join(',')})`;
        break;
      }
      case 'array': {
        const rows = node.rows.map((row) => row.map(visit));
        shaped = { ...node, rows };
        key = `a(${rows.map((row) => row.map(id).join(',')).join(';')})`;
        break;
      }
      default:
        shaped = node;
        key = JSON.stringify(node);
    }
    const known = canonical.get(key);
    if (known) {
      if (known.node.type === 'call' || known.node.type === 'binary' || known.node.type === 'unary') repeated.add(known.node);
      return known.node;
    }
    const entry = { node: shaped, id: canonical.size };
    canonical.set(key, entry);
    ids.set(shaped, entry.id);
    return shaped;
  };
  return visit(ast);
}
