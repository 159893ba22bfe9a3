package io.github.zmqlog.tail;

import io.github.zmqlog.logback.curve.CurveKeys;

/**
 * How an error message shows a command-line argument: as it is, unless it may be a CURVE
 * key, which a mis-ordered command line can put anywhere. Such an argument is named by
 * its position instead, so that no secret key reaches the terminal or a log of stderr.
 */
final class ShownArgument {

	private ShownArgument() {
	}

	/**
	 * Returns whether an argument may be a CURVE key: the value of a key option, or any
	 * argument as long as a Z85 key; or the web view's access token.
	 * @param args the arguments
	 * @param index the argument's index
	 * @return whether an error message must not quote it
	 */
	static boolean hidden(String[] args, int index) {
		boolean afterKeyOption = index > 0
				&& ((args[index - 1].startsWith("--curve-") && args[index - 1].endsWith("-key"))
						|| args[index - 1].equals("--token"));
		return afterKeyOption || keyLength(args[index]);
	}

	/**
	 * Returns the value of an option that takes no key, such as a file name, for an error
	 * message.
	 * @param value the value
	 * @return the value, or a note in its place when it is as long as a Z85 key
	 */
	static String shown(String value) {
		return keyLength(value) ? "(not shown: it may be a CURVE key)" : value;
	}

	private static boolean keyLength(String arg) {
		return arg.strip().length() == CurveKeys.Z85_LENGTH;
	}

	/**
	 * Returns an argument for an error message.
	 * @param args the arguments
	 * @param index the argument's index
	 * @return the argument, or its position when it may be a CURVE key
	 */
	static String shown(String[] args, int index) {
		return hidden(args, index) ? "argument " + (index + 1) + " (not shown: it may be a CURVE key)" : args[index];
	}

}
