[assembly: Parallelize(Scope = ExecutionScope.MethodLevel, Workers = 2)]
