// Transitional: the generator runner moved to the Transforms library as MlGan.Transforms.Onnx.OnnxGeneratorRunner.
// ExportCommandTests.cs and ScoreCommandTests.cs still say OnnxGenerator; once they name OnnxGeneratorRunner, delete this file.
global using OnnxGenerator = MlGan.Transforms.Onnx.OnnxGeneratorRunner;
