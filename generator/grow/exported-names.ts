// The top-level names a TypeScript file declares, and which of them it exports, with where they
// are (1-based line and column of the name). Read from ts-morph's syntax tree only: no type
// checker, no other file loaded.

import type { SourceFile } from 'ts-morph';

export interface DeclaredName {
  name: string;
  exported: boolean;
  line: number;
  col: number;
}

export function declaredNames(tsMorph: typeof import('ts-morph'), file: SourceFile): DeclaredName[] {
  const { Node } = tsMorph;
  const names: DeclaredName[] = [];
  const add = (nameNode: import('ts-morph').Node, exported: boolean) => {
    const { line, column } = file.getLineAndColumnAtPos(nameNode.getStart());
    names.push({ name: nameNode.getText(), exported, line, col: column });
  };
  for (const statement of file.getStatements()) {
    if (Node.isVariableStatement(statement)) {
      for (const declaration of statement.getDeclarations()) {
        const nameNode = declaration.getNameNode();
        if (Node.isIdentifier(nameNode)) add(nameNode, statement.isExported());
      }
    } else if (
      Node.isFunctionDeclaration(statement) ||
      Node.isClassDeclaration(statement) ||
      Node.isInterfaceDeclaration(statement) ||
      Node.isTypeAliasDeclaration(statement) ||
      Node.isEnumDeclaration(statement)
    ) {
      const nameNode = statement.getNameNode();
      if (nameNode) add(nameNode, statement.isExported());
    } else if (Node.isExportDeclaration(statement) && !statement.isNamespaceExport()) {
      for (const specifier of statement.getNamedExports()) add(specifier.getAliasNode() ?? specifier.getNameNode(), true);
    }
  }
  return names;
}
